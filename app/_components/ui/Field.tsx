// A labelled form control with an optional line under it that helps, or says why the value is
// refused (then in red, and the control marked aria-invalid by its owner). The dialogs' inputs.

import type { ReactNode } from "react";

export function Field({
  id,
  label,
  help,
  invalid = false,
  helpTestId,
  children,
}: {
  /** The control's id; the help line is `${id}-help` (point the control's aria-describedby at it). */
  id: string;
  label: ReactNode;
  help?: ReactNode;
  invalid?: boolean;
  helpTestId?: string;
  children: ReactNode;
}) {
  return (
    <div className="mt-4">
      <label htmlFor={id} className="block text-xs leading-5 font-semibold text-fg">
        {label}
      </label>
      {children}
      {help != null ? (
        <p id={`${id}-help`} className={`mt-1.5 text-xs leading-relaxed ${invalid ? "text-danger" : "text-muted"}`} data-testid={helpTestId}>
          {help}
        </p>
      ) : null}
    </div>
  );
}

/** An editable control's look: a red border when its value is refused. */
export function controlClass(invalid = false): string {
  return `mt-1.5 block w-full rounded-lg border bg-bg px-3 py-2 font-mono text-sm text-fg outline-none placeholder:text-subtle focus:ring-2 focus:ring-ring ${
    invalid ? "border-danger" : "border-line-strong"
  }`;
}

/** A read-only control's look (a snippet, a link to copy). */
export const readOnlyControlClass =
  "mt-1.5 block w-full rounded-lg border border-line bg-sunken px-3 py-2 font-mono text-[0.8125rem] leading-5 text-fg outline-none focus:ring-2 focus:ring-ring";
