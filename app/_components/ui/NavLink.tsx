"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** A header link that marks itself as the current page (aria-current) when its section is open. */
export function NavLink({ href, match, children }: { href: string; match?: string; children: ReactNode }) {
  const pathname = usePathname() ?? "";
  const active = pathname.startsWith(match ?? href);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={
        "rounded-lg px-3 py-2 text-sm font-medium transition-colors " +
        (active ? "bg-accent-soft text-accent-text" : "text-muted hover:bg-sunken hover:text-fg")
      }
    >
      {children}
    </Link>
  );
}
