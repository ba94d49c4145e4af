"use client";
// The live picture of the engine's containers (state, exit code, published ports, mounts, Compose
// project), its networks with the containers on each, and its volumes with the containers that
// mount them. One exec per redraw (one curl to the Engine API), after every command.

import { format } from "@/app/_lib/i18n";
import {
  CONTAINER_GRAPH_SCRIPT,
  parseContainerGraph,
  shortVolumeName,
  type ContainerGraph as Graph,
  type GraphContainer,
  type GraphMount,
} from "./container-graph-data";
import { LivePicture, PicturePlaceholder } from "./LivePicture";
import { useLessonMessages } from "./useLessonMessages";

/** `active`: whether the picture is on screen (useLivePicture says what that changes). */
export function ContainerGraph({ active = true }: { active?: boolean }) {
  const t = useLessonMessages().containers;
  return (
    <LivePicture
      id="container-graph"
      script={CONTAINER_GRAPH_SCRIPT}
      parse={parseContainerGraph}
      active={active}
      title={t.title}
      lead={t.lead}
      errorText={(error) => format(t.error, { error })}
      count={(graph) => graph.containers.length}
    >
      {(graph) => <ContainerGraphView graph={graph} />}
    </LivePicture>
  );
}

function ContainerGraphView({ graph }: { graph: Graph }) {
  const t = useLessonMessages().containers;
  const states = new Map(graph.containers.map((c) => [c.name, c]));
  return (
    <div className="flex flex-col gap-5">
      <Part title={t.containers}>
        {graph.containers.length === 0 ? (
          <PicturePlaceholder>
            <code className="font-mono">{t.noContainers}</code>
          </PicturePlaceholder>
        ) : (
          <ul className="grid grid-cols-[repeat(auto-fill,minmax(13rem,1fr))] items-start gap-3">
            {graph.containers.map((c) => (
              <ContainerCard key={c.id || c.name} container={c} />
            ))}
          </ul>
        )}
      </Part>

      <Part title={t.networks}>
        <ul className="flex flex-wrap gap-3">
          {graph.networks.map((n) => (
            <li
              key={n.name}
              data-testid="graph-network"
              data-name={n.name}
              className="min-w-[10rem] rounded-lg border border-dashed border-accent/50 bg-accent-soft/40 px-2.5 py-2"
            >
              <p className="flex items-baseline gap-2">
                <span className="font-mono text-xs font-semibold text-fg">{n.name}</span>
                <span className="text-[0.6875rem] text-subtle">{n.driver}</span>
              </p>
              {n.containers.length ? (
                <ul className="mt-1.5 flex flex-wrap gap-1.5">
                  {n.containers.map((name) => (
                    <li key={name} className="inline-flex items-center gap-1 rounded-full border border-line-strong bg-elevated px-2 py-0.5 font-mono text-[0.6875rem] text-fg">
                      <StateDot container={states.get(name)} />
                      {name}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="mt-1 text-[0.6875rem] text-subtle">{t.networkEmpty}</p>
              )}
            </li>
          ))}
        </ul>
      </Part>

      <Part title={t.volumes}>
        {graph.volumes.length === 0 ? (
          <p className="text-xs text-subtle">{t.noVolumes}</p>
        ) : (
          <ul className="flex flex-wrap gap-3">
            {graph.volumes.map((v) => (
              <li key={v.name} data-testid="graph-volume" data-name={v.name} className="flex items-start gap-2 rounded-lg border border-line-strong bg-elevated px-2.5 py-2 shadow-sm">
                <VolumeIcon />
                <div>
                  <p className="font-mono text-xs font-semibold text-fg" title={v.name}>
                    {shortVolumeName(v.name)}
                    {v.anonymous ? <span className="ml-1.5 font-sans text-[0.6875rem] font-normal text-subtle">{t.anonymous}</span> : null}
                  </p>
                  <p className="text-[0.6875rem] text-subtle">{v.usedBy.length ? format(t.mountedBy, { names: v.usedBy.join(", ") }) : t.unused}</p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Part>
    </div>
  );
}

function Part({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div>
      <h3 className="mb-2 text-[0.6875rem] font-semibold uppercase tracking-wider text-subtle">{title}</h3>
      {children}
    </div>
  );
}

function ContainerCard({ container: c }: { container: GraphContainer }) {
  const t = useLessonMessages().containers;
  return (
    <li
      data-testid="graph-container"
      data-name={c.name}
      data-state={c.state}
      className="overflow-hidden rounded-lg border border-line-strong bg-elevated shadow-sm"
      title={c.status}
    >
      <div className="flex items-center justify-between gap-2 border-b border-line bg-sunken px-2.5 py-1.5">
        <span className="truncate font-mono text-xs font-semibold text-fg">{c.name}</span>
        <StatePill container={c} />
      </div>
      <div className="flex flex-col gap-1 px-2.5 py-2 text-[0.6875rem]">
        <p className="truncate text-muted">{format(t.image, { image: c.image })}</p>
        {c.ports.map((p) => (
          <p key={`${p.host}/${p.protocol}`} className="flex items-center gap-1.5 font-mono text-fg" aria-label={t.portLabel}>
            <PortIcon />
            {format(t.port, { host: p.host, container: p.container, protocol: p.protocol })}
          </p>
        ))}
        {c.mounts.map((m) => (
          <p key={m.destination} className="flex items-center gap-1.5 font-mono text-fg" aria-label={t.mountLabel}>
            {m.kind === "bind" ? <FolderIcon /> : <VolumeIcon small />}
            <span className="truncate">
              {mountSource(m, t)} → {m.destination}
              {m.readOnly ? <span className="ml-1 font-sans text-subtle">({t.readOnly})</span> : null}
            </span>
          </p>
        ))}
        {c.compose ? <p className="truncate text-subtle">{format(t.compose, c.compose)}</p> : null}
      </div>
    </li>
  );
}

function mountSource(m: GraphMount, t: ReturnType<typeof useLessonMessages>["containers"]): string {
  if (m.kind === "tmpfs") return t.tmpfs;
  return m.kind === "volume" ? shortVolumeName(m.source) : m.source;
}

/* Running green, a clean exit grey, a failed exit or a dead container red, the rest amber (the
   pills' text a shade darker than the palette's: small print on a tint needs 4.5:1). */
function tone(c: GraphContainer | undefined): { pill: string; dot: string } {
  if (!c) return { pill: "", dot: "bg-subtle" };
  if (c.state === "running") return { pill: "border-success/40 bg-success/10 text-emerald-800 dark:text-emerald-300", dot: "bg-success" };
  if (c.state === "created" || (c.state === "exited" && c.exitCode === 0))
    return { pill: "border-line-strong bg-sunken text-muted", dot: "bg-subtle" };
  if (c.state === "exited" || c.state === "dead") return { pill: "border-danger/40 bg-danger-soft text-danger", dot: "bg-danger" };
  return { pill: "border-amber-500/40 bg-amber-500/10 text-amber-800 dark:text-amber-300", dot: "bg-amber-500" };
}

function StatePill({ container: c }: { container: GraphContainer }) {
  const t = useLessonMessages().containers;
  const label = c.state === "exited" ? format(t.state.exited, { code: c.exitCode ?? "?" }) : t.state[c.state];
  return (
    <span data-testid="graph-state" className={`shrink-0 rounded-full border px-1.5 py-px text-[0.625rem] font-semibold ${tone(c).pill}`}>
      {label}
    </span>
  );
}

function StateDot({ container }: { container: GraphContainer | undefined }) {
  return <span className={`h-1.5 w-1.5 shrink-0 rounded-full ${tone(container).dot}`} aria-hidden="true" />;
}

function PortIcon() {
  return (
    <svg viewBox="0 0 16 16" className="h-3 w-3 shrink-0 text-accent" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M2 8h9M8 4.5 11.5 8 8 11.5M13.5 3v10" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function FolderIcon() {
  return (
    <svg viewBox="0 0 16 16" className="h-3 w-3 shrink-0 text-subtle" fill="currentColor" aria-hidden="true">
      <path d="M1.5 3.5a1 1 0 0 1 1-1h3.6l1.5 1.5h5.9a1 1 0 0 1 1 1v7.5a1 1 0 0 1-1 1h-11a1 1 0 0 1-1-1z" />
    </svg>
  );
}

function VolumeIcon({ small = false }: { small?: boolean }) {
  return (
    <svg viewBox="0 0 16 16" className={`${small ? "h-3 w-3" : "mt-0.5 h-3.5 w-3.5"} shrink-0 text-accent`} fill="none" stroke="currentColor" strokeWidth="1.4" aria-hidden="true">
      <ellipse cx="8" cy="4" rx="5.5" ry="2" />
      <path d="M2.5 4v8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2V4M2.5 8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2" />
    </svg>
  );
}
