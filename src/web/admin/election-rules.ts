/**
 * The election rules card of the admin election page (issue 17): while a draft, which question is
 * an election of lists, with its seat method, seats, threshold and parity, each list's candidates
 * in order (one per line: name; F or M; birth date), and the statutes' tie-break — sent to
 * PUT /rules, which refuses a list breaking the parity with the list and the position. Once open,
 * the rules are sealed: shown read-only with their hash.
 */
import type { RulesAnswer } from '../../contract/election-rules.js';
import { h } from '../kit/dom.js';
import { field } from '../kit/field.js';
import { type CardContext, section } from './election-card.js';

type Rules = NonNullable<RulesAnswer['rules']>;
type ListRule = Rules['lists'][number];
type Candidate = ListRule['lists'][number]['candidates'][number];

const candidateLine = (c: Candidate) =>
  [c.name, c.gender ?? '', c.birthDate ?? ''].join('; ').replace(/(; )+$/, '');

/** "Name; F; 1970-01-01" lines into candidates (gender and birth date optional). */
export function parseCandidates(text: string): Candidate[] | string {
  const out: Candidate[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const [name = '', gender = '', birth = ''] = line.split(';').map((part) => part.trim());
    if (name === '') return `${i + 1}`;
    const g = gender.toUpperCase();
    if (g !== '' && g !== 'F' && g !== 'M') return `${i + 1}`;
    if (birth !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(birth)) return `${i + 1}`;
    out.push({
      name,
      ...(g === 'F' || g === 'M' ? { gender: g } : {}),
      ...(birth !== '' ? { birthDate: birth } : {}),
    });
  }
  return out;
}

export class RulesCard {
  render(ctx: CardContext, answer: RulesAnswer | undefined): HTMLElement {
    const t = ctx.shell.t.electionRules.admin;
    const rules = answer?.rules ?? null;
    if (!ctx.draft) {
      if (!rules) return section('rules-admin-heading', t.heading, h('p', {}, t.none));
      return section(
        'rules-admin-heading',
        t.heading,
        h('p', {}, t.sealed),
        answer?.hash ? h('p', {}, t.hash, ' ', h('code', { id: 'rules-hash' }, answer.hash)) : null,
        h(
          'ul',
          {},
          ...rules.lists.map((l) =>
            h('li', {}, t.summary(l.question + 1, l.method, l.seats, l.threshold, l.lists.length)),
          ),
        ),
      );
    }
    const questions = ctx.loaded.election.questions.flatMap((q, i) =>
      'answers' in q && q.max === 1 ? [{ index: i, question: q }] : [],
    );
    const current: ListRule | undefined = rules?.lists[0];
    const which = h(
      'select',
      {},
      h('option', { value: '' }, t.noLists),
      ...questions.map(({ index, question }) =>
        h(
          'option',
          { value: String(index), selected: current?.question === index },
          `${index + 1}. ${question.question}`,
        ),
      ),
    );
    const method = h(
      'select',
      {},
      ...(['dhondt', 'sainte-lague', 'hare'] as const).map((m) =>
        h('option', { value: m, selected: (current?.method ?? 'dhondt') === m }, t.methods[m]),
      ),
    );
    const seats = h('input', { type: 'number', min: 1, value: current?.seats ?? 1, inputmode: 'numeric' });
    const threshold = h('input', { type: 'text', value: current?.threshold ?? '5', inputmode: 'decimal' });
    const parity = h(
      'select',
      {},
      ...(['none', 'alternating', 'balanced'] as const).map((p) =>
        h('option', { value: p, selected: (current?.parity ?? 'none') === p }, t.parities[p]),
      ),
    );
    const tieBreak = h(
      'select',
      {},
      ...(['', 'older-candidate,draw', 'draw', 'older-candidate'] as const).map((v) =>
        h('option', { value: v, selected: (rules?.tieBreak ?? []).join(',') === v }, t.tieBreaks[v]),
      ),
    );
    // A motion with its quorum and required majority (one per election from this card).
    const motions = ctx.loaded.election.questions.flatMap((q, i) =>
      'answers' in q && q.max === 1 && q.answers.length === 2 ? [{ index: i, question: q }] : [],
    );
    const motionRule = rules?.questions.find((q) => q.kind === 'motion');
    const motion = h(
      'select',
      {},
      h('option', { value: '' }, t.noMotion),
      ...motions.map(({ index, question }) =>
        h(
          'option',
          { value: String(index), selected: motionRule?.question === index },
          `${index + 1}. ${question.question}`,
        ),
      ),
    );
    const majority = h('input', { type: 'text', value: motionRule?.majority ?? '> 1/2' });
    const base = h(
      'select',
      {},
      ...(['valid', 'cast'] as const).map((b) =>
        h('option', { value: b, selected: (motionRule?.base ?? 'valid') === b }, t.bases[b]),
      ),
    );
    // A quorum is a share of the roll's weight or an absolute weight of ballots cast (issue 17).
    const quorumKind = h(
      'select',
      {},
      ...(['share', 'weight'] as const).map((k) =>
        h('option', { value: k, selected: (motionRule?.quorum?.kind ?? 'share') === k }, t.quorumKinds[k]),
      ),
    );
    const quorum = h('input', {
      type: 'text',
      value:
        motionRule?.quorum?.kind === 'share'
          ? motionRule.quorum.share
          : motionRule?.quorum?.kind === 'weight'
            ? motionRule.quorum.weight
            : '',
    });
    const listAreas = h('div', { id: 'rules-lists' });
    const areas: { name: string; area: HTMLTextAreaElement }[] = [];
    const drawLists = () => {
      listAreas.replaceChildren();
      areas.length = 0;
      const q = questions.find((x) => String(x.index) === which.value)?.question;
      if (!q || !('answers' in q)) return;
      for (const name of q.answers) {
        const area = h('textarea', { rows: 4 });
        const known = current?.lists.find((l) => l.name === name);
        area.value = known ? known.candidates.map(candidateLine).join('\n') : '';
        areas.push({ name, area });
        listAreas.append(field(t.candidatesOf(name), area, t.candidatesHint));
      }
    };
    which.addEventListener('change', drawLists);
    drawLists();
    const form = h(
      'form',
      {
        novalidate: true,
        on: {
          submit: async (event) => {
            event.preventDefault();
            const lists: ListRule[] = [];
            if (which.value !== '') {
              const parsed = areas.map(({ name, area }) => ({
                name,
                candidates: parseCandidates(area.value),
              }));
              const bad = parsed.find((p) => typeof p.candidates === 'string');
              if (bad) return ctx.shell.problem(t.badLine(bad.name, bad.candidates as string));
              const empty = parsed.find((p) => (p.candidates as Candidate[]).length === 0);
              if (empty) return ctx.shell.problem(t.noCandidates(empty.name));
              lists.push({
                question: Number(which.value),
                method: method.value as ListRule['method'],
                seats: Number(seats.value),
                threshold: threshold.value.trim().replace(',', '.'),
                parity: parity.value as ListRule['parity'],
                lists: parsed as ListRule['lists'],
              });
            }
            const questionRules: Rules['questions'] =
              motion.value === ''
                ? []
                : [
                    {
                      question: Number(motion.value),
                      kind: 'motion',
                      quorum:
                        quorum.value.trim() === ''
                          ? null
                          : quorumKind.value === 'weight'
                            ? { kind: 'weight', weight: quorum.value.trim() }
                            : { kind: 'share', share: quorum.value.trim() },
                      majority: majority.value.trim(),
                      base: base.value as 'valid' | 'cast',
                    },
                  ];
            const body: Rules = {
              lists,
              questions: questionRules,
              tieBreak: tieBreak.value === '' ? [] : (tieBreak.value.split(',') as Rules['tieBreak']),
            };
            await ctx.change('PUT', '/rules', { rules: body }, () => t.saved);
          },
        },
      },
      h('p', { class: 'hint' }, t.intro),
      field(t.listQuestion, which),
      h('div', { class: 'row' }, field(t.method, method), field(t.seats, seats)),
      h('div', { class: 'row' }, field(t.threshold, threshold), field(t.parity, parity)),
      listAreas,
      field(t.tieBreak, tieBreak),
      h(
        'fieldset',
        {},
        h('legend', {}, t.motionHeading),
        field(t.motion, motion),
        h('div', { class: 'row' }, field(t.majority, majority, t.majorityHint), field(t.base, base)),
        h('div', { class: 'row' }, field(t.quorumKind, quorumKind), field(t.quorum, quorum, t.quorumHint)),
      ),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t.save)),
    );
    return section('rules-admin-heading', t.heading, form);
  }
}
