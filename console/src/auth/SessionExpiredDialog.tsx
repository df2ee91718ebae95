import { useEffect, useRef } from 'react';
import type { ConsoleConfig } from '../config';
import { useI18n } from '../i18n/i18n';
import type { Viewer } from './session';
import { SignInChoices } from './SignInChoices';

/**
 * Shown over the page when the token has expired: the page underneath, and any form being filled
 * in, stay as they are; requests sent meanwhile go out once the viewer has signed in again.
 */
export function SessionExpiredDialog({ config, viewer }: { config: ConsoleConfig; viewer: Viewer }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} aria-labelledby="expired-title" onCancel={(event) => event.preventDefault()}>
      <h2 id="expired-title">{t('signIn.expiredTitle')}</h2>
      <p>{t('signIn.expiredText')}</p>
      <SignInChoices config={config} only={viewer} />
    </dialog>
  );
}
