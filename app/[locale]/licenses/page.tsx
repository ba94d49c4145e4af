import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { format, getMessages, isLocale, locales } from "@/app/_lib/i18n";
import { readGuestPackages } from "@/app/_lib/guest-packages";
import { ScrollableBox } from "@/app/_components/ui/ScrollableBox";

type Props = { params: Promise<{ locale: string }> };

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? { title: getMessages(locale).licenses.title } : {};
}

export default async function LicensesPage({ params }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = getMessages(locale).licenses;
  const packages = await readGuestPackages();

  return (
    <div className="mx-auto w-full max-w-4xl px-4 py-12 sm:px-6">
      <h1 className="text-3xl font-bold tracking-tight text-fg">{t.title}</h1>
      <p className="mt-4 max-w-3xl leading-relaxed text-muted">{t.lead}</p>
      <p className="mt-3 max-w-3xl leading-relaxed text-muted">{t.emulator}</p>
      <p className="mt-3 max-w-3xl leading-relaxed text-muted">{t.images}</p>

      <section aria-labelledby="packages" className="mt-10">
        <div className="flex items-baseline justify-between gap-4">
          <h2 id="packages" className="text-xl font-semibold text-fg">
            {t.packagesTitle}
          </h2>
          {packages && packages.length > 0 && (
            <p className="text-sm text-subtle">{format(t.packagesCount, { n: packages.length })}</p>
          )}
        </div>
        {packages && packages.length > 0 ? (
          <ScrollableBox className="mt-4 overflow-x-auto rounded-xl border border-line bg-elevated">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-line bg-sunken text-xs uppercase tracking-wide text-subtle">
                <tr>
                  <th scope="col" className="px-4 py-2.5 font-semibold">{t.name}</th>
                  <th scope="col" className="px-4 py-2.5 font-semibold">{t.version}</th>
                  <th scope="col" className="px-4 py-2.5 font-semibold">{t.license}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {packages.map((pkg) => (
                  <tr key={`${pkg.name}@${pkg.version}`}>
                    <td className="px-4 py-2 font-mono text-[0.8125rem] text-fg">{pkg.name}</td>
                    <td className="px-4 py-2 font-mono text-[0.8125rem] text-muted">{pkg.version}</td>
                    <td className="px-4 py-2 text-muted">{pkg.license}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableBox>
        ) : (
          <p className="mt-4 rounded-xl border border-dashed border-line-strong bg-elevated p-6 text-muted" data-testid="packages-not-built">
            {t.notBuilt}
          </p>
        )}
      </section>
    </div>
  );
}
