"use client";
// A classification quiz from the lesson's frontmatter, answered in the page (no guest needed).
// Answers are kept with the lesson's progress.

import { format } from "@/app/_lib/i18n";
import type { Quiz as QuizData } from "@/app/_lib/content/schema";
import { useLessonState } from "./LessonState";
import { useLessonMessages } from "./useLessonMessages";

export function Quiz({ quiz }: { quiz: QuizData }) {
  const t = useLessonMessages().quiz;
  const { progress, answerQuiz, restartQuiz } = useLessonState();
  const answers = progress?.quiz ?? {};
  const answered = quiz.items.filter((i) => answers[i.id]).length;
  const correct = quiz.items.filter((i) => answers[i.id]?.correct).length;
  const label = (id: string) => quiz.choices.find((c) => c.id === id)?.label ?? id;

  return (
    <section
      aria-labelledby="quiz-title"
      className="my-10 overflow-hidden rounded-xl border border-line bg-elevated shadow-sm"
      data-testid="quiz"
    >
      <header className="flex flex-wrap items-center gap-3 border-b border-line bg-gradient-to-r from-accent-soft to-transparent px-5 py-4">
        <span className="flex h-8 w-8 items-center justify-center rounded-lg bg-accent text-accent-fg" aria-hidden="true">
          <svg viewBox="0 0 20 20" className="h-4.5 w-4.5" fill="none" stroke="currentColor" strokeWidth="1.8">
            <circle cx="10" cy="10" r="7.5" />
            <path d="M7.8 7.8a2.3 2.3 0 1 1 3.1 2.1c-.6.3-.9.7-.9 1.3v.3M10 14.2v.1" strokeLinecap="round" />
          </svg>
        </span>
        <div className="min-w-0 flex-1">
          <h2 id="quiz-title" className="font-semibold text-fg">
            {quiz.title}
          </h2>
          {quiz.intro ? <p className="mt-0.5 text-sm text-muted">{quiz.intro}</p> : null}
        </div>
        <span className="text-sm font-medium text-subtle" data-testid="quiz-score">
          {answered === quiz.items.length
            ? format(t.score, { correct, total: quiz.items.length })
            : format(t.progress, { answered, total: quiz.items.length })}
        </span>
      </header>

      <ol className="divide-y divide-line">
        {quiz.items.map((item, n) => {
          const answer = answers[item.id];
          return (
            <li key={item.id} className="px-5 py-4" data-testid={`quiz-item-${item.id}`} data-state={answer ? (answer.correct ? "correct" : "wrong") : "open"}>
              <fieldset>
                <legend className="mb-2.5 flex items-baseline gap-2 font-medium text-fg">
                  <span className="font-mono text-xs text-subtle">{n + 1}.</span>
                  {item.prompt}
                </legend>
                <div className="flex flex-wrap gap-2" role="group" aria-label={format(t.choose, { prompt: item.prompt })}>
                  {quiz.choices.map((choice) => {
                    const chosen = answer?.answer === choice.id;
                    const isRight = choice.id === item.answer;
                    let style = "border-line-strong bg-elevated text-fg hover:border-accent hover:text-accent-text";
                    if (answer) {
                      if (isRight) style = "border-success bg-success/10 text-fg";
                      else if (chosen) style = "border-danger bg-danger-soft text-fg line-through decoration-danger/60";
                      else style = "border-line bg-elevated text-subtle";
                    }
                    return (
                      <button
                        key={choice.id}
                        type="button"
                        disabled={!!answer}
                        aria-pressed={chosen}
                        onClick={() => answerQuiz(item.id, choice.id, isRight)}
                        className={`rounded-full border px-3 py-1 text-[0.8125rem] font-medium transition-colors disabled:cursor-default ${style}`}
                      >
                        {answer && isRight ? "✓ " : ""}
                        {choice.label}
                      </button>
                    );
                  })}
                </div>
                {answer ? (
                  <p className="mt-3 text-sm leading-6 text-muted" role="status">
                    <strong className={answer.correct ? "text-success" : "text-danger"}>
                      {answer.correct ? t.correct : format(t.incorrect, { answer: label(item.answer) })}
                    </strong>{" "}
                    {item.explanation}
                  </p>
                ) : null}
              </fieldset>
            </li>
          );
        })}
      </ol>
      {answered > 0 ? (
        <footer className="border-t border-line px-5 py-3 text-right">
          <button type="button" onClick={restartQuiz} className="btn btn-secondary btn-sm">
            {t.again}
          </button>
        </footer>
      ) : null}
    </section>
  );
}
