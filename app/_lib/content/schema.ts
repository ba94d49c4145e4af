// The shape of a lesson, validated with zod. Every field carries a `.describe()` so the schema
// documents itself; every object is `.strict()` so a typo in a lesson fails the build.
//
// LAYOUT OF A LESSON
//
//   content/<NN>-<slug>/            NN = two-digit order (01, 02, …), slug = [a-z0-9-]+
//     en.md                         English: YAML frontmatter (lessonFrontmatterSchema) + Markdown
//     zh.md                         Chinese: same frontmatter fields, same exercise ids, same order
//     exercises/<exercise-id>/
//       check.sh                    runs in the guest as root; exit 0 = passed; on failure print
//                                   one short hint line (both languages are welcome)
//       solution.sh                 solves the exercise on a fresh machine (may pull/run)
//
// MARKDOWN CONVENTIONS
//
//   ```sh run                       a runnable command block: the page shows a Run button that
//   docker images                   types the block's text into the learner's terminal (each
//   ```                             non-empty line is sent followed by Enter). Use for commands.
//
//   ```sh                           an ordinary shell block without a Run button (e.g. a command
//   docker pull NAME[:TAG]          template the learner must not run verbatim).
//   ```
//
//   ```text                         real output as the learner will see it in the sandbox.
//   REPOSITORY   TAG  IMAGE ID …
//   ```
//
//   Raw HTML is sanitized away (no scripts, no styles, no event handlers); links may only be
//   http(s) or relative. Nothing authored is ever executed.

import { z } from "zod";

export const LOCALES = ["en", "zh"] as const;
export type Locale = (typeof LOCALES)[number];

/** Folder names look like `04-pull`; the number is the order, the rest the slug. */
export const LESSON_DIR_PATTERN = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
/** Exercise ids: lower-case words joined by hyphens, unique across all lessons. */
export const EXERCISE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text = (what: string) => z.string().trim().min(1, "must not be empty").describe(what);

/** A hint in two steps, shown one at a time: first the nudge, then, on request, the command. */
export const hintSchema = z
  .object(
    {
      nudge: text(
        "First step: what to think of or look up (the idea, the command's name, the option), " +
          "without the answer, in this file's language.",
      ),
      command: text(
        "Second step, shown only when asked for: the command or commands that solve the exercise, " +
          "as Markdown (inline code), in this file's language.",
      ),
    },
    { error: (issue) => (issue.input === undefined ? undefined : 'a hint has two steps: "nudge:" and "command:"') },
  )
  .strict()
  .describe("Help for a learner who is stuck, in two steps: a nudge, then the command.");

export type Hint = z.infer<typeof hintSchema>;

export const exerciseFrontmatterSchema = z
  .object({
    id: z
      .string()
      .regex(EXERCISE_ID_PATTERN, "must be lower-case words joined by hyphens")
      .describe(
        "Stable id of the exercise, unique across all lessons; names the folder exercises/<id>/ " +
          "holding check.sh and solution.sh, and the key under which progress is stored.",
      ),
    title: text("Short title of the exercise shown in the exercises panel, in this file's language."),
    task: text(
      "What the learner must achieve, as Markdown (inline code allowed), in this file's language. " +
        "Describe the state to reach, not the keystrokes.",
    ),
    hint: hintSchema,
  })
  .strict()
  .describe("One exercise: metadata per language; its scripts live in exercises/<id>/.");

export type ExerciseFrontmatter = z.infer<typeof exerciseFrontmatterSchema>;

export const quizChoiceSchema = z
  .object({
    id: z
      .string()
      .regex(EXERCISE_ID_PATTERN, "must be lower-case words joined by hyphens")
      .describe("Stable id of the choice, referenced by quiz items' `answer`."),
    label: text("The choice as shown on its button, in this file's language."),
  })
  .strict()
  .describe("One answer the learner can pick for every quiz item.");

export const quizItemSchema = z
  .object({
    id: z
      .string()
      .regex(EXERCISE_ID_PATTERN, "must be lower-case words joined by hyphens")
      .describe("Stable id of the item; en and zh must list the same ids in the same order."),
    prompt: text("The thing to classify, e.g. a product name, in this file's language."),
    answer: z
      .string()
      .regex(EXERCISE_ID_PATTERN, "must be lower-case words joined by hyphens")
      .describe("The id of the correct choice (one of the quiz's `choices`)."),
    explanation: text("Why that answer is right; shown after the learner answers."),
  })
  .strict()
  .describe("One question of the quiz.");

export const quizSchema = z
  .object({
    title: text("Heading of the quiz block, in this file's language."),
    intro: text("One or two sentences introducing the quiz, in this file's language.").optional(),
    choices: z
      .array(quizChoiceSchema)
      .min(2, "needs at least two choices")
      .describe("The answers every item chooses from."),
    items: z.array(quizItemSchema).min(1, "needs at least one item").describe("The questions."),
  })
  .strict()
  .superRefine((quiz, ctx) => {
    const ids = new Set(quiz.choices.map((c) => c.id));
    quiz.items.forEach((item, i) => {
      if (!ids.has(item.answer)) {
        ctx.addIssue({
          code: "custom",
          path: ["items", i, "answer"],
          message: `"${item.answer}" is not one of the choices (${[...ids].join(", ")})`,
        });
      }
    });
  })
  .describe("A classification quiz answered in the page, no guest needed.");

export const lessonFrontmatterSchema = z
  .object({
    title: text("Title of the lesson, in this file's language."),
    summary: text("One-sentence summary for the lesson list and the page's meta description."),
    exercises: z
      .array(exerciseFrontmatterSchema)
      .min(2, "a lesson needs at least two exercises")
      .describe("The lesson's exercises in the order they appear in the panel."),
    quiz: quizSchema.optional(),
    imageGraph: z
      .boolean()
      .optional()
      .describe(
        "Show the live picture of the engine's images (repository:tag labels pointing at image " +
          "IDs, each image's layers stacked), redrawn after every command.",
      ),
    containerGraph: z
      .boolean()
      .optional()
      .describe(
        "Show the live picture of the engine's containers (state, exit code, ports, mounts), its " +
          "networks with their containers and its volumes with the containers that mount them, " +
          "redrawn after every command.",
      ),
  })
  .strict()
  .describe("Frontmatter of content/<NN>-<slug>/<locale>.md.");

export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;
export type Quiz = z.infer<typeof quizSchema>;

/** An exercise once its scripts have been read from exercises/<id>/. */
export const exerciseSchema = exerciseFrontmatterSchema
  .extend({
    check: z
      .string()
      .min(1, "required")
      .describe("Text of exercises/<id>/check.sh: exit 0 = passed, otherwise print a hint."),
    solution: z
      .string()
      .min(1, "required")
      .describe("Text of exercises/<id>/solution.sh: solves the exercise on a fresh machine."),
  })
  .strict()
  .describe("An exercise with its check and solution scripts.");

export type Exercise = z.infer<typeof exerciseSchema>;

/** A loaded lesson (frontmatter + values derived from the folder and the scripts). */
export const lessonSchema = lessonFrontmatterSchema
  .extend({
    slug: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
      .describe("URL segment of the lesson, taken from the folder name after the number."),
    order: z
      .number()
      .int()
      .positive()
      .describe("Position of the lesson in the course, taken from the folder name's number."),
    locale: z.enum(LOCALES).describe("Language of this copy of the lesson."),
    exercises: z
      .array(exerciseSchema)
      .min(2, "a lesson needs at least two exercises")
      .describe("The lesson's exercises with their scripts."),
  })
  .strict()
  .describe("A lesson as the loader returns it (before its Markdown body is rendered).");

export type LessonData = z.infer<typeof lessonSchema>;

export interface LessonSummary {
  slug: string;
  title: string;
  summary: string;
  order: number;
  /** Ids of the lesson's exercises, e.g. for progress ticks (lessonCompletion in app/_lib/progress). */
  exerciseIds: string[];
}
