import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getMessages, isLocale, locales } from "@/app/_lib/i18n";
import { RunCommandButton } from "@/app/_components/sandbox/RunCommandButton";
import { PersistentSandboxProvider } from "@/app/_components/persistence/PersistentSandboxProvider";
import { TerminalWithPreview } from "@/app/_components/preview/TerminalWithPreview";
import { PreparedCommands } from "@/app/_components/sandbox/PreparedCommands";
import { ScrollableBox } from "@/app/_components/ui/ScrollableBox";

type Props = { params: Promise<{ locale: string }> };

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? { title: getMessages(locale).play.title } : {};
}

export default async function PlayPage({ params }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = getMessages(locale).play;

  return (
    <PersistentSandboxProvider>
      <div className="mx-auto flex w-full max-w-[100rem] flex-1 flex-col gap-4 p-3 sm:p-4">
        <h1 className="sr-only">{t.title}</h1>
        <PreparedCommands />
        <div className="grid flex-1 gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
          {/* The window's height less the header, and less a touch keyboard when one is open. */}
          <div className="h-[calc(100dvh-5.5rem-var(--dbl-keyboard-inset,0px))] min-h-[16rem]">
            <TerminalWithPreview autoFocus />
          </div>
          <aside aria-labelledby="try-title" className="text-sm">
            <ScrollableBox className="rounded-xl border border-line bg-elevated p-4 lg:max-h-[calc(100dvh-5.5rem)] lg:overflow-y-auto">
              <p className="leading-relaxed text-muted">{t.lead}</p>
              <section aria-labelledby="try-title" className="mt-5 border-t border-line pt-4">
                <h2 id="try-title" className="font-semibold text-fg">
                  {t.tryTitle}
                </h2>
                <ol className="mt-3 space-y-4">
                  {t.tries.map((item) => (
                    <li key={item.command}>
                      <div className="flex items-start gap-2">
                        <code className="min-w-0 flex-1 rounded-md bg-code px-2 py-1.5 font-mono text-[0.8125rem] leading-5 break-words text-fg">
                          {item.command}
                        </code>
                        <RunCommandButton command={item.command} />
                      </div>
                      <p className="mt-1.5 leading-relaxed text-muted">{item.note}</p>
                    </li>
                  ))}
                </ol>
              </section>
              <section aria-labelledby="tips-title" className="mt-5 border-t border-line pt-4">
                <h2 id="tips-title" className="font-semibold text-fg">
                  {t.tipsTitle}
                </h2>
                <ul className="mt-2 list-disc space-y-1.5 pl-5 leading-relaxed text-muted">
                  {t.tips.map((tip) => (
                    <li key={tip}>{tip}</li>
                  ))}
                </ul>
              </section>
            </ScrollableBox>
          </aside>
        </div>
      </div>
    </PersistentSandboxProvider>
  );
}
