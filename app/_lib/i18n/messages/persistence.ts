// Every UI string of saving and restoring the machine (app/_components/persistence/, the reset
// dialog's choices) in English and Chinese. `en` defines the shape; `zh` must match it key for key.

const en = {
  save: {
    button: "Save",
    saving: "Saving…",
    saved: "Saved",
    title: "Save the machine in this browser, so it survives a reload or a closed tab",
    savedAt: "Saved {time}",
    notSaved: "Not saved yet",
    resumedSaved: "Resumed your saved machine",
    used: "{used} used",
    usedOf: "{used} of {quota} used by this site",
    persisted: "Kept by the browser until you clear it",
    notPersisted: "The browser may clear it when space runs low",
    failed: "The machine could not be saved: {error}",
    full: "Storage is full: the machine was not saved. Your previous saved machine is unchanged and your progress is still saved. Free some space (other sites' data, in the browser's settings) and save again.",
    fullArchived: "Storage is full: the machine was not saved. Your previous saved machine is unchanged and your progress is still saved. Free some space (delete the old machine below, or other sites' data) and save again.",
    needed: "It needs about {needed}; {available} is free.",
    dismiss: "Dismiss",
  },
  elsewhere: {
    title: "The machine is open in another tab",
    body: "Only one tab runs your machine at a time, so that its saved state is never overwritten by another tab. Close the other tab, or move the machine here: the other tab saves it first.",
    useHere: "Use it here",
    taking: "Asking the other tab to save and hand the machine over…",
    handing: "Another tab asked for the machine: saving it and handing it over…",
  },
  archived: {
    otherImage:
      "This site was updated and its Linux machine changed, so your saved machine (from {date}) cannot be resumed. You have a fresh machine; your lesson progress is kept.",
    damaged: "Your saved machine (from {date}) is damaged and was not resumed{detail}. You have a fresh machine; your lesson progress is kept.",
    download: "Download the old machine ({size})",
    delete: "Delete it",
    dismiss: "Dismiss",
  },
  offline: {
    diskMissing:
      "You are offline and the machine needs a part of its disk that is not stored in this browser. It waits, and continues when the connection is back.",
  },
  reset: {
    title: "What do you want to reset?",
    machine: "The machine only",
    machineNote: "Resume a clean machine and forget the saved one. Your lesson progress is kept.",
    progress: "Lesson progress only",
    progressNote: "Clear every exercise tick and quiz answer. The machine is not touched.",
    everything: "Everything",
    everythingNote: "A clean machine and no progress, as on a first visit.",
    confirm: "Reset",
    done: "Reset done: {what}.",
  },
};

export type PersistenceMessages = typeof en;

const zh: PersistenceMessages = {
  save: {
    button: "保存",
    saving: "正在保存…",
    saved: "已保存",
    title: "把机器保存在这个浏览器里，刷新页面或关闭标签页后仍然保留",
    savedAt: "保存于 {time}",
    notSaved: "尚未保存",
    resumedSaved: "已恢复你保存的机器",
    used: "已用 {used}",
    usedOf: "本站已用 {used}，共 {quota}",
    persisted: "浏览器会一直保留，直到你清除",
    notPersisted: "空间不足时浏览器可能会清除它",
    failed: "无法保存机器：{error}",
    full: "存储空间已满：机器没有保存。之前保存的机器保持不变，学习进度仍然会保存。请释放一些空间（在浏览器设置中删除其他网站的数据）后再保存。",
    fullArchived: "存储空间已满：机器没有保存。之前保存的机器保持不变，学习进度仍然会保存。请释放一些空间（删除下面的旧机器，或其他网站的数据）后再保存。",
    needed: "大约需要 {needed}，目前可用 {available}。",
    dismiss: "关闭",
  },
  elsewhere: {
    title: "机器已在另一个标签页中打开",
    body: "同一时间只有一个标签页运行你的机器，这样它保存的状态不会被别的标签页覆盖。请关闭另一个标签页，或者把机器移到这里：另一个标签页会先保存它。",
    useHere: "在这里使用",
    taking: "正在请另一个标签页保存并交出机器…",
    handing: "另一个标签页请求使用机器：正在保存并交出…",
  },
  archived: {
    otherImage: "本站已更新，Linux 机器也随之改变，因此你保存的机器（{date}）无法恢复。现在是一台全新的机器；你的学习进度仍然保留。",
    damaged: "你保存的机器（{date}）已损坏，没有恢复{detail}。现在是一台全新的机器；你的学习进度仍然保留。",
    download: "下载旧机器（{size}）",
    delete: "删除它",
    dismiss: "关闭",
  },
  offline: {
    diskMissing: "你现在处于离线状态，而机器需要的一部分磁盘数据没有保存在这个浏览器里。机器会等待，网络恢复后继续运行。",
  },
  reset: {
    title: "你想重置什么？",
    machine: "只重置机器",
    machineNote: "恢复一台干净的机器，并忘掉已保存的机器。学习进度保留。",
    progress: "只重置学习进度",
    progressNote: "清除所有练习的勾选和测验答案。机器不受影响。",
    everything: "全部重置",
    everythingNote: "干净的机器，没有进度，就像第一次访问一样。",
    confirm: "重置",
    done: "已重置：{what}。",
  },
};

export const persistenceMessages: Record<"en" | "zh", PersistenceMessages> = { en, zh };

export function getPersistenceMessages(locale: string): PersistenceMessages {
  return locale === "zh" ? zh : en;
}
