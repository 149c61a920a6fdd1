/**
 * The questions card of the admin election page: the questions with their answers and rules, as an
 * editable form while a draft (what is typed is kept across re-renders of the page until saved),
 * as a read-only list once the election is open.
 */
import { h } from '../kit/dom.js';
import { field } from '../kit/field.js';
import { type AdminElection, type CardContext, section } from './election-card.js';

type Question = AdminElection['questions'][number];
type NonHomomorphic = Extract<Question, { type: string }>;
const isNonHomomorphic = (q: Question): q is NonHomomorphic => 'type' in q;

export class QuestionsCard {
  /** Questions being edited (kept across re-renders until saved). */
  private draftQuestions: AdminElection['questions'] | undefined;

  render(ctx: CardContext): HTMLElement {
    const t = ctx.shell.t.admin.questions;
    const e = ctx.loaded.election;
    if (!ctx.draft) {
      return section(
        'questions-heading',
        t.heading,
        h(
          'ol',
          {},
          ...e.questions.map((q) =>
            isNonHomomorphic(q)
              ? h(
                  'li',
                  {},
                  h('strong', {}, q.value.question ?? ''),
                  h('p', { class: 'field-error' }, t.nonHomomorphic),
                )
              : h(
                  'li',
                  {},
                  h('strong', {}, q.question),
                  h('ul', {}, ...q.answers.map((a) => h('li', {}, a))),
                  h('p', { class: 'hint' }, t.rule(q.min, q.max, q.blank === true)),
                ),
          ),
        ),
      );
    }
    this.draftQuestions ??= e.questions.map((q) =>
      isNonHomomorphic(q) ? q : { ...q, answers: [...q.answers] },
    );
    const edited = this.draftQuestions;
    const readers: (() => Question)[] = [];
    const sync = () => {
      this.draftQuestions = readers.map((read) => read());
    };
    const removeButton = (i: number) =>
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          on: {
            click: () => {
              sync();
              this.draftQuestions!.splice(i, 1);
              void this.redraw(ctx);
            },
          },
        },
        t.remove(i + 1),
      );
    const list = edited.map((q, i) => {
      const n = i + 1;
      if (isNonHomomorphic(q)) {
        // Saved before such questions were refused: kept as is (saving it again is refused with the
        // server's message), to be removed.
        readers.push(() => q);
        return h(
          'fieldset',
          { class: 'question' },
          h('legend', {}, t.question(n)),
          h('p', {}, h('strong', {}, q.value.question ?? '')),
          h('p', { class: 'field-error' }, t.nonHomomorphic),
          removeButton(i),
        );
      }
      const text = h('input', { type: 'text', value: q.question, maxlength: 1000 });
      const answers = h('textarea', { rows: 4 });
      answers.value = q.answers.join('\n');
      const min = h('input', { type: 'number', min: 0, value: q.min, inputmode: 'numeric' });
      const max = h('input', { type: 'number', min: 1, value: q.max, inputmode: 'numeric' });
      const blank = h('input', { type: 'checkbox', checked: q.blank === true });
      readers.push(() => ({
        question: text.value.trim(),
        answers: answers.value
          .split('\n')
          .map((a) => a.trim())
          .filter((a) => a !== ''),
        min: Number(min.value),
        max: Number(max.value),
        ...(blank.checked ? { blank: true } : {}),
      }));
      return h(
        'fieldset',
        { class: 'question' },
        h('legend', {}, t.question(n)),
        field(t.text, text),
        field(t.answers, answers),
        h('div', { class: 'row' }, field(t.min, min), field(t.max, max)),
        field(t.blank, blank),
        removeButton(i),
      );
    });
    const form = h(
      'form',
      {
        novalidate: true,
        on: {
          submit: async (event) => {
            event.preventDefault();
            sync();
            const problems = this.draftQuestions!.flatMap((q, i) => {
              if (isNonHomomorphic(q)) return [t.invalid(i + 1, t.nonHomomorphic)];
              const problem =
                q.question === ''
                  ? t.needText
                  : q.answers.length === 0
                    ? t.needAnswers
                    : !(
                          Number.isInteger(q.min) &&
                          Number.isInteger(q.max) &&
                          q.min >= 0 &&
                          q.min <= q.max &&
                          q.max <= q.answers.length &&
                          q.max >= 1
                        )
                      ? t.badBounds
                      : undefined;
              return problem ? [t.invalid(i + 1, problem)] : [];
            });
            if (problems.length > 0) return ctx.shell.problem(problems.join(' '));
            const questions = this.draftQuestions!;
            await ctx.change('PUT', '/questions', { questions }, () => {
              this.draftQuestions = undefined;
              return ctx.shell.t.admin.saved;
            });
          },
        },
      },
      ...(list.length === 0 ? [h('p', {}, t.none)] : list),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            on: {
              click: () => {
                sync();
                this.draftQuestions!.push({ question: '', answers: [], min: 1, max: 1 });
                void this.redraw(ctx, true);
              },
            },
          },
          t.add,
        ),
        h('button', { type: 'submit', class: 'primary' }, t.save),
      ),
    );
    return section('questions-heading', t.heading, form);
  }

  /** Redraws only the questions (keeps the rest of the page and what was typed in it). */
  private async redraw(ctx: CardContext, focusLast = false): Promise<void> {
    const old = document.querySelector('section[aria-labelledby="questions-heading"]');
    const next = this.render(ctx);
    old?.replaceWith(next);
    const inputs = next.querySelectorAll<HTMLInputElement>('fieldset input[type="text"]');
    (focusLast ? inputs[inputs.length - 1] : next.querySelector<HTMLElement>('h2'))?.focus();
  }
}
