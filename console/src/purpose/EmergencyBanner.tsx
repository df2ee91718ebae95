import { useI18n } from '../i18n/i18n';
import { usePurpose } from './purposeStore';

/** Once the glass is broken, for the rest of the session: everything seen now is logged and reviewed. */
export function EmergencyBanner() {
  const { t } = useI18n();
  const { emergencyUsed, purpose } = usePurpose();
  if (!emergencyUsed) return null;
  return (
    <div className="emergency-banner" role="alert" data-testid="emergency-banner">
      <strong>{t('emergency.title')}</strong> {t('emergency.text')}
      {purpose !== 'EMERGENCY' ? ` ${t('emergency.earlier')}` : ''}
    </div>
  );
}
