/**
 * The questions card of the admin election page: the questions with their answers and rules, as an
 * editable form while a draft (what is typed is kept across re-renders of the page until saved),
 * as a read-only list once the election is open. A question is either chosen among answers
 * (homomorphic) or ranked or graded (non-homomorphic, issue 18), its counting method written in
 * Belenios's `extra` field: Condorcet-Schulze, STV with its seats, majority judgment with its grades.
 */
import type { Messages } from '../../i18n/index.js';
import { type CountingMethod, methodExtra, readCountingMethod } from '../../protocol/counting/method.js';
import { h } from '../kit/dom.js';
import { field } from '../kit/field.js';
import { type AdminElection, type CardContext, section } from './election-card.js';

type Question = AdminElection['questions'][number];
type NonHomomorphic = Extract<Question, { type: string }>;
const isNonHomomorphic = (q: Question): q is NonHomomorphic => 'type' in q;
type Kind = 'select' | 'schulze' | 'stv' | 'mj';
type QuestionMessages = Messages['admin']['questions'];

const lines = (text: string) =>
  text
    .split('\n')
    .map((a) => a.trim())
    .filter((a) => a !== '');

function methodOf(q: NonHomomorphic): CountingMethod | undefined {
  // While editing, the candidates may not be written yet: the seats are checked on saving.
  const reading = readCountingMethod(q.extra, Number.MAX_SAFE_INTEGER);
  return reading.ok ? reading.method : undefined;
}

function kindOf(q: Question): Kind {
  if (!isNonHomomorphic(q)) return 'select';
  const method = methodOf(q);
  return method?.method === 'STV' ? 'stv' : method?.method === 'MajorityJudgment' ? 'mj' : 'schulze';
}

/** The rule of a ranked or graded question, in words. */
export function methodRule(t: QuestionMessages, q: NonHomomorphic): string {
  const method = methodOf(q);
  if (!method) return t.methodRule('generic', false, '');
  switch (method.method) {
    case 'Schulze':
      return t.methodRule('schulze', method.blank, '');
    case 'STV':
      return t.methodRule('stv', method.blank, t.seatsCount(method.seats));
    case 'MajorityJudgment':
      return t.methodRule('mj', method.blank, method.grades.join(', '));
  }
}

/** A question of another kind with the same text and answers (the kind selector's change). */
function convert(q: Question, kind: Kind, t: QuestionMessages): Question {
  const question = isNonHomomorphic(q) ? (q.value.question ?? '') : q.question;
  const answers = isNonHomomorphic(q) ? [...(q.value.answers ?? [])] : [...q.answers];
  if (kind === 'select') return { question, answers, min: 1, max: 1 };
  const previous = isNonHomomorphic(q) ? methodOf(q) : undefined;
  const blank = previous?.blank ?? false;
  const method: CountingMethod =
    kind === 'schulze'
      ? { method: 'Schulze', blank }
      : kind === 'stv'
        ? { method: 'STV', blank, seats: previous?.method === 'STV' ? previous.seats : 1 }
        : {
            method: 'MajorityJudgment',
            blank,
            grades: previous?.method === 'MajorityJudgment' ? previous.grades : t.defaultGrades,
          };
  return { type: 'NonHomomorphic', value: { answers, question }, extra: methodExtra(method) };
}

/** What the browser can tell before sending (the server checks again and has the last word). */
function problemOf(q: Question, t: QuestionMessages): string | undefined {
  if (!isNonHomomorphic(q)) {
    if (q.question === '') return t.needText;
    if (q.answers.length === 0) return t.needAnswers;
    const bounded =
      Number.isInteger(q.min) &&
      Number.isInteger(q.max) &&
      q.min >= 0 &&
      q.min <= q.max &&
      q.max <= q.answers.length &&
      q.max >= 1;
    return bounded ? undefined : t.badBounds;
  }
  if ((q.value.question ?? '') === '') return t.needText;
  const answers = q.value.answers ?? [];
  if (answers.length < 2) return t.needCandidates;
  const extra = q.extra as { method?: string; seats?: unknown; grades?: unknown[] } | undefined;
  if (extra?.method === 'STV') {
    const seats = extra.seats;
    if (typeof seats !== 'number' || !Number.isInteger(seats) || seats < 1 || seats > answers.length)
      return t.badSeats;
  }
  if (extra?.method === 'MajorityJudgment') {
    const grades = extra.grades ?? [];
    if (grades.length < 2 || new Set(grades).size !== grades.length) return t.needGrades;
  }
  return undefined;
}

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
                  h('ul', {}, ...(q.value.answers ?? []).map((a) => h('li', {}, a))),
                  h('p', { class: 'hint' }, methodRule(t, q)),
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
      isNonHomomorphic(q)
        ? { ...q, value: { ...q.value, answers: [...(q.value.answers ?? [])] } }
        : { ...q, answers: [...q.answers] },
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
      const kind = h(
        'select',
        {
          on: {
            change: () => {
              sync();
              this.draftQuestions![i] = convert(this.draftQuestions![i]!, kind.value as Kind, t);
              void this.redraw(ctx, { id: kind.id });
            },
          },
        },
        ...(['select', 'schulze', 'stv', 'mj'] as const).map((k) =>
          h('option', { value: k, selected: kindOf(q) === k }, t.kinds[k]),
        ),
      );
      kind.id = `question-${n}-kind`;
      const text = h('input', {
        type: 'text',
        value: isNonHomomorphic(q) ? (q.value.question ?? '') : q.question,
        maxlength: 1000,
      });
      const answers = h('textarea', { rows: 4 });
      answers.value = (isNonHomomorphic(q) ? (q.value.answers ?? []) : q.answers).join('\n');
      if (isNonHomomorphic(q)) {
        const method = methodOf(q);
        const blank = h('input', { type: 'checkbox', checked: method?.blank === true });
        const seats = h('input', {
          type: 'number',
          min: 1,
          value: method?.method === 'STV' ? method.seats : 1,
          inputmode: 'numeric',
        });
        const grades = h('textarea', { rows: 5 });
        grades.value = (method?.method === 'MajorityJudgment' ? method.grades : t.defaultGrades).join('\n');
        const current = kindOf(q);
        readers.push(() => {
          const value = { answers: lines(answers.value), question: text.value.trim() };
          if (method === undefined && current === 'schulze' && q.extra === undefined)
            // A question without a method (made by belenios-tool, say): kept as is.
            return { type: q.type, value };
          const counting: CountingMethod =
            current === 'stv'
              ? { method: 'STV', blank: blank.checked, seats: Number(seats.value) }
              : current === 'mj'
                ? { method: 'MajorityJudgment', blank: blank.checked, grades: lines(grades.value) }
                : { method: 'Schulze', blank: blank.checked };
          return { type: 'NonHomomorphic', value, extra: methodExtra(counting) };
        });
        return h(
          'fieldset',
          { class: 'question' },
          h('legend', {}, t.question(n)),
          field(t.kind, kind, t.rankedHint),
          field(t.text, text),
          field(t.candidates, answers),
          current === 'stv' && field(t.seats, seats),
          current === 'mj' && field(t.grades, grades),
          field(t.rankedBlank, blank),
          removeButton(i),
        );
      }
      const min = h('input', { type: 'number', min: 0, value: q.min, inputmode: 'numeric' });
      const max = h('input', { type: 'number', min: 1, value: q.max, inputmode: 'numeric' });
      const blank = h('input', { type: 'checkbox', checked: q.blank === true });
      readers.push(() => ({
        question: text.value.trim(),
        answers: lines(answers.value),
        min: Number(min.value),
        max: Number(max.value),
        ...(blank.checked ? { blank: true } : {}),
      }));
      return h(
        'fieldset',
        { class: 'question' },
        h('legend', {}, t.question(n)),
        field(t.kind, kind),
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
              const problem = problemOf(q, t);
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
                void this.redraw(ctx, 'last');
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
  private async redraw(
    ctx: CardContext,
    focus: 'last' | { id: string } | undefined = undefined,
  ): Promise<void> {
    const old = document.querySelector('section[aria-labelledby="questions-heading"]');
    const next = this.render(ctx);
    old?.replaceWith(next);
    const inputs = next.querySelectorAll<HTMLInputElement>('fieldset input[type="text"]');
    const target =
      focus === 'last'
        ? inputs[inputs.length - 1]
        : focus
          ? document.getElementById(focus.id)
          : next.querySelector<HTMLElement>('h2');
    target?.focus();
  }
}
