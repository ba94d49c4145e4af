/** The product mark: a container inside a browser window. Decorative. */
export function Logo({ className = "h-7 w-7" }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="1.5" y="3.5" width="29" height="25" rx="5" fill="var(--accent)" />
      <rect x="1.5" y="3.5" width="29" height="6" rx="3" fill="var(--accent-hover)" opacity="0.55" />
      <circle cx="6" cy="6.6" r="1.1" fill="var(--accent-fg)" opacity="0.85" />
      <circle cx="9.5" cy="6.6" r="1.1" fill="var(--accent-fg)" opacity="0.85" />
      <g fill="var(--accent-fg)">
        <rect x="7" y="14" width="5" height="4" rx="0.8" />
        <rect x="13.5" y="14" width="5" height="4" rx="0.8" />
        <rect x="20" y="14" width="5" height="4" rx="0.8" />
        <rect x="10.25" y="19.5" width="5" height="4" rx="0.8" />
        <rect x="16.75" y="19.5" width="5" height="4" rx="0.8" />
      </g>
    </svg>
  );
}
