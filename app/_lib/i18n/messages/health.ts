// What the terminal says when the machine is unwell (app/_components/sandbox/HealthBanner.tsx),
// in English and Chinese. `en` defines the shape; `zh` must match it key for key.

const en = {
  dockerRestarting: {
    title: "Docker is restarting…",
    body: "The Docker daemon stopped and is starting again by itself. docker commands work again in a few seconds.",
  },
  panicked: {
    title: "Linux crashed",
    body: "The Linux kernel hit a fatal error (a kernel panic) and stopped. Nothing on your computer is affected. Restart the machine to go on.",
  },
  halted: {
    title: "The machine has shut down",
    body: "Linux halted its processor, for example after a halt or poweroff command. Restart the machine to go on.",
  },
  frozen: {
    title: "The machine is not responding",
    body: "Linux has not answered for 15 seconds. It may be very busy and come back by itself, or it may be stuck. You can wait, or restart it.",
  },
  restartSaved: "Restart from last save",
  restartClean: "Restart clean",
  restartSavedNote: "Your last saved machine, as it was when it was saved.",
  restartCleanNote: "A fresh machine, as on a first visit. Your progress is kept.",
  restarting: "Restarting…",
  failed: "The restart failed: {error}",
};

export type HealthMessages = typeof en;

const zh: HealthMessages = {
  dockerRestarting: {
    title: "Docker 正在重启…",
    body: "Docker 守护进程停止了，正在自动重新启动。几秒钟后 docker 命令就能再次使用。",
  },
  panicked: {
    title: "Linux 崩溃了",
    body: "Linux 内核遇到致命错误（内核恐慌，kernel panic）并已停止。你的电脑不受任何影响。重启机器即可继续。",
  },
  halted: {
    title: "机器已关机",
    body: "Linux 让处理器停机了，例如执行了 halt 或 poweroff 命令。重启机器即可继续。",
  },
  frozen: {
    title: "机器没有响应",
    body: "Linux 已经 15 秒没有应答。它可能只是非常忙，会自己恢复；也可能卡住了。你可以等待，或者重启它。",
  },
  restartSaved: "从上次保存处重启",
  restartClean: "全新重启",
  restartSavedNote: "你上次保存的机器，保持保存时的样子。",
  restartCleanNote: "一台全新的机器，就像第一次访问一样。学习进度保留。",
  restarting: "正在重启…",
  failed: "重启失败：{error}",
};

export const healthMessages: Record<"en" | "zh", HealthMessages> = { en, zh };

export function getHealthMessages(locale: string): HealthMessages {
  return locale === "zh" ? zh : en;
}
