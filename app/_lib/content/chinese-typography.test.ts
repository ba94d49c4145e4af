import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { chineseCheckMessages, chineseTypography, type TypographyRule } from "./chinese-typography";

const rules = (text: string, markdown = true) => chineseTypography(text, { markdown }).map((f) => f.rule);

/** Each rule: samples it must catch, and the same sentences written well, which it must pass. */
const CASES: Array<{ rule: TypographyRule; bad: string[]; good: string[] }> = [
  {
    rule: "stray-space",
    bad: [
      "容器写入的一切都进入这一层， **镜像本身保持不变**。",
      "地址是 `localhost:5000`， Docker 把它当作镜像源。",
      "只有删除最后一个名字时， Docker 才会删除镜像本身。",
      "它是 busybox 的那一层 （共用）。",
      "镜像\u3000本身保持不变。",
      "再从注册服务器拉回 镜像。",
    ],
    good: [
      "容器写入的一切都进入这一层，**镜像本身保持不变**。",
      "地址是 `localhost:5000`，Docker 把它当作镜像源。",
      "只有删除最后一个名字时，Docker 才会删除镜像本身。",
      "它是 busybox 的那一层（共用）。",
      "| 超虚拟化（半虚拟化） | 需要 |",
      "- （可选）再看一遍",
      "第 2 步会通过互联网访问 Docker Hub。",
    ],
  },
  {
    rule: "code-spacing",
    bad: ["由虚拟机里位于 `localhost:5000`的注册服务器代替。", "先用`docker pull`拉取。", "运行`uname -r`"],
    good: ["由虚拟机里位于 `localhost:5000` 的注册服务器代替。", "先用 `docker pull` 拉取。", "运行 `uname -r`，比较结果。", "（`docker rm kernel`）"],
  },
  {
    rule: "straight-quote",
    bad: ['完整的镜像名写作"注册服务器/仓库:标签"。', '程序看到的是"一块磁盘"“一颗 CPU”。'],
    good: ["完整的镜像名写作“注册服务器/仓库:标签”。", '用 `sh -c "echo hi"` 写文件。', '```sh\necho "hello"\n```'],
  },
];

describe("Chinese typography", () => {
  for (const { rule, bad, good } of CASES) {
    for (const sample of bad) {
      test(`${rule} catches: ${sample}`, () => {
        assert.ok(rules(sample).includes(rule), `expected ${rule} in ${JSON.stringify(chineseTypography(sample))}`);
      });
    }
    for (const sample of good) {
      test(`${rule} passes: ${sample}`, () => {
        assert.deepEqual(rules(sample), [], JSON.stringify(chineseTypography(sample)));
      });
    }
  }

  test("a finding says what is wrong and shows where", () => {
    const [finding] = chineseTypography("容器写入的一切都进入这一层， **镜像本身保持不变**。");
    assert.equal(finding.message, 'a space after "，"');
    assert.match(finding.excerpt, /进入这一层， \*\*镜像/);
  });

  test("code blocks are not prose: fenced blocks are skipped in Markdown", () => {
    assert.deepEqual(rules('```text\n这一层， "x"\n```\n'), []);
    assert.deepEqual(rules('```text\n这一层， "x"\n```\n', false).sort(), ["straight-quote", "straight-quote", "stray-space"]);
  });

  test("the zh: lines of a check script, unescaped", () => {
    const script = [
      "#!/bin/sh",
      'echo "en: The file says \\"$got\\"."',
      'echo "zh: 文件里写的是 \\"$got\\"，但服务端报告的不是这个。"',
      "echo 'zh: 还没有名为 kernel 的容器。'",
    ].join("\n");
    assert.deepEqual(chineseCheckMessages(script), ['文件里写的是 "$got"，但服务端报告的不是这个。', "还没有名为 kernel 的容器。"]);
    assert.deepEqual(rules(chineseCheckMessages(script)[0], false), ["straight-quote", "straight-quote"]);
  });
});
