"use client";
// The live picture of the engine's images: names (repository:tag) as labels pointing at image IDs,
// each image's layers stacked (newest on top), layers shared between images in the same colour.
// One exec per redraw, after every command the learner runs.

import { format } from "@/app/_lib/i18n";
import { IMAGE_GRAPH_SCRIPT, layerHue, parseImageGraph, shortDigest, type ImageGraph as Graph } from "./image-graph-data";
import { LivePicture, PicturePlaceholder as Placeholder } from "./LivePicture";
import { useLessonMessages } from "./useLessonMessages";

/** `active`: whether the picture is on screen (useLivePicture says what that changes). */
export function ImageGraph({ active = true }: { active?: boolean }) {
  const t = useLessonMessages().images;
  return (
    <LivePicture
      id="image-graph"
      script={IMAGE_GRAPH_SCRIPT}
      parse={parseImageGraph}
      active={active}
      title={t.title}
      lead={t.lead}
      errorText={(error) => format(t.error, { error })}
      count={(graph) => graph.images.length}
    >
      {(graph) => <ImageGraphView graph={graph} />}
    </LivePicture>
  );
}

/** The picture itself, from a parsed graph (no machine access). */
function ImageGraphView({ graph }: { graph: Graph }) {
  const t = useLessonMessages().images;
  if (graph.images.length === 0) {
    return (
      <Placeholder>
        <code className="font-mono">{t.empty}</code>
      </Placeholder>
    );
  }
  return (
    <ul className="flex flex-wrap items-end gap-x-4 gap-y-5" aria-label={t.title}>
      {graph.images.map((image) => (
        <li key={image.id} className="flex w-[13.5rem] flex-col items-stretch" data-testid="graph-image" data-id={image.shortId}>
          <div className="flex flex-wrap justify-center gap-1" aria-label={t.names}>
            {image.tags.length ? (
              image.tags.map((tag) => (
                <span
                  key={tag}
                  data-testid="graph-tag"
                  className="inline-flex max-w-full items-center gap-1 truncate rounded-full border border-accent/40 bg-accent-soft px-2 py-0.5 font-mono text-[0.6875rem] font-semibold text-accent-text"
                >
                  <TagIcon />
                  {tag}
                </span>
              ))
            ) : (
              <span className="rounded-full border border-dashed border-line-strong px-2 py-0.5 text-[0.6875rem] text-subtle">
                {t.untagged}
              </span>
            )}
          </div>
          <Connector />
          <div className="overflow-hidden rounded-lg border border-line-strong bg-elevated shadow-sm">
            <div className="flex items-baseline justify-between gap-2 border-b border-line bg-sunken px-2.5 py-1.5">
              <span className="text-[0.625rem] font-semibold uppercase tracking-wider text-subtle">{t.imageId}</span>
              <span className="font-mono text-xs font-semibold text-fg">{image.shortId}</span>
            </div>
            <ol className="flex flex-col-reverse gap-1 p-1.5" aria-label={image.layers.length === 1 ? t.layer : format(t.layers, { n: image.layers.length })}>
              {image.layers.map((layer, i) => {
                const hue = graph.layerHues[layer] ?? layerHue(layer);
                const shared = (graph.layerUse[layer] ?? 0) > 1;
                return (
                  <li
                    key={`${layer}-${i}`}
                    className="flex items-center gap-1.5 rounded-md border px-2 py-1 font-mono text-[0.6875rem]"
                    style={{
                      borderColor: `hsl(${hue} 55% 50% / 0.55)`,
                      background: `hsl(${hue} 70% 50% / 0.13)`,
                    }}
                    title={shared ? format(t.sharedBy, { n: graph.layerUse[layer] }) : layer}
                  >
                    <span className="h-2.5 w-2.5 shrink-0 rounded-sm" style={{ background: `hsl(${hue} 60% 48%)` }} aria-hidden="true" />
                    <span className="text-subtle">L{i + 1}</span>
                    <span className="truncate text-fg">{shortDigest(layer)}</span>
                    {shared ? (
                      <span className="ml-auto rounded bg-fg/10 px-1 text-[0.5625rem] font-sans font-semibold uppercase tracking-wide text-muted">
                        {t.shared}
                      </span>
                    ) : null}
                  </li>
                );
              })}
            </ol>
            <div className="flex justify-between border-t border-line px-2.5 py-1 text-[0.6875rem] text-subtle">
              <span>{image.layers.length === 1 ? t.layer : format(t.layers, { n: image.layers.length })}</span>
              <span>{image.size}</span>
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}

function Connector() {
  return (
    <svg viewBox="0 0 12 18" className="mx-auto my-0.5 h-4 w-3 text-accent/70" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M6 0v14M2 10l4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function TagIcon() {
  return (
    <svg viewBox="0 0 16 16" className="h-2.5 w-2.5 shrink-0" fill="currentColor" aria-hidden="true">
      <path d="M1.5 2.5v4.6l7.4 7.4 5.6-5.6-7.4-7.4H2.5a1 1 0 0 0-1 1zm3 1a1 1 0 1 1 0 2 1 1 0 0 1 0-2z" />
    </svg>
  );
}
