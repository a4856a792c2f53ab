/** A failure the person should read, announced at once, until they dismiss it. */
export function ErrorNotice({
  message,
  onDismiss,
  className,
}: {
  message: string;
  onDismiss(): void;
  className?: string;
}) {
  return (
    <p role="alert" className={className ? `notice notice-error ${className}` : 'notice notice-error'}>
      {message}{' '}
      <button type="button" className="small" onClick={onDismiss}>
        Dismiss
      </button>
    </p>
  );
}
