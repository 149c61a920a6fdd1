/** Les règles propres d'une élection (issue 17) : listes et sièges de la page publique, éditeur des règles de l'administration. */
import type { Messages } from '../en/index.js';

export const electionRules: Messages['electionRules'] = {
  page: {
    heading: 'Listes et candidats',
    headingResult: 'Sièges et décisions',
    sectionTitle: (question: string, result: boolean) => `${result ? 'Sièges' : 'Listes'} — ${question}`,
    question: (n: number) => `Question ${n}`,
    methods: {
      dhondt: "D'Hondt (plus forte moyenne)",
      'sainte-lague': 'Sainte-Laguë (plus forte moyenne)',
      hare: 'quotient de Hare et plus forts restes',
    } as Record<string, string>,
    rule: (method: string, seats: number, threshold: string) =>
      `${seats} siège${seats === 1 ? '' : 's'} répartis à la ${method} ; les listes sous ${threshold}\u00a0% des suffrages donnés aux listes n'ont aucun siège.`,
    gender: { F: 'femme', M: 'homme' },
    seatsCaption: 'Sièges par liste, à partir des totaux vérifiés',
    seatsHeaders: ['Liste', 'Voix', 'Sièges', "Élus, dans l'ordre de la liste"],
    belowThreshold: 'sous le seuil',
    exhausted: 'tous ses candidats sont élus ; ses sièges suivants sont allés aux listes suivantes',
    vacant: (n: number) =>
      `${n} siège${n === 1 ? '' : 's'} vacant${n === 1 ? '' : 's'} : aucune liste ayant des voix n'avait encore de candidats.`,
    undecided: (seats: number, lists: string) =>
      `${seats} siège${seats === 1 ? '' : 's'} indécis : moyennes égales et voix égales entre ${lists}.`,
    settled: (step: string, winners: string, seed: string | null) =>
      `Départagé selon les statuts (${step}) : ${winners}.${seed ? ` Graine du tirage : ${seed}, recalculable à partir de l'empreinte finale de l'archive.` : ''}`,
    unsettled: 'Pas encore départagé : les statuts décident, et un administrateur enregistre comment.',
    steps: { 'older-candidate': 'candidat le plus âgé', draw: 'tirage au sort' } as Record<string, string>,
    averages: 'Moyennes (voix divisées par chaque diviseur)',
    divisor: (d: string) => `÷ ${d}`,
    quota: (q: string) => `Quotient : ${q} voix par siège ; quotients entiers et restes`,
    noQuota: 'Aucune liste ayant des voix : pas de quotient',
    remainderHeaders: ['Liste', 'Quotients entiers', 'Reste'],
    outcomes: {
      adopted: 'adoptée',
      rejected: 'rejetée',
      'quorum-not-reached': 'quorum non atteint',
      elected: 'élu',
      tie: 'égalité',
      'second-round': 'second tour',
      'no-votes': 'aucune voix',
    } as Record<string, string>,
    quorum: (turnout: string, required: string) => `participation ${turnout} pour un quorum de ${required}`,
    majority: (majority: string, base: string) => `majorité ${majority} de ${base} voix`,
    sealed: "Règles de l'élection (listes, sièges, majorités)",
  },
  admin: {
    heading: "Règles de l'élection (listes et sièges)",
    intro:
      "Pour une élection de listes : les réponses de la question choisie sont les listes ; donnez à chacune ses candidats dans l'ordre. Les règles sont scellées à l'ouverture et ne peuvent plus changer ensuite.",
    none: "Cette élection n'a pas de règles propres.",
    sealed: "Scellées à l'ouverture de l'élection : elles ne peuvent plus changer.",
    hash: 'Empreinte scellée\u00a0:',
    summary: (question: number, method: string, seats: number, threshold: string, lists: number) =>
      `Question ${question} : ${seats} siège(s) entre ${lists} listes (${method}), seuil ${threshold.replace('.', ',')}\u00a0%`,
    noLists: 'Aucune question de listes',
    listQuestion: 'Question dont les réponses sont les listes',
    method: 'Répartition des sièges',
    methods: {
      dhondt: "D'Hondt (plus forte moyenne)",
      'sainte-lague': 'Sainte-Laguë',
      hare: 'Quotient de Hare, plus forts restes',
    },
    seats: 'Sièges à pourvoir',
    threshold: 'Seuil (% des suffrages donnés aux listes)',
    parity: 'Parité des listes',
    parities: { none: 'Non exigée', alternating: 'Alternance des sexes', balanced: "Au plus un d'écart" },
    candidatesOf: (list: string) => `Candidats de ${list}, dans l'ordre de la liste`,
    candidatesHint:
      'Un par ligne : nom ; F ou M ; date de naissance (AAAA-MM-JJ). Sexe et date de naissance facultatifs.',
    tieBreak: 'Quand des voix égales laissent un siège indécis',
    tieBreaks: {
      '': "Signaler l'égalité",
      'older-candidate,draw': 'Candidat le plus âgé, puis tirage au sort',
      draw: "Tirage au sort (à partir de l'empreinte finale de l'archive)",
      'older-candidate': 'Candidat le plus âgé',
    },
    badLine: (list: string, line: string) =>
      `${list}, ligne ${line} : écrivez « nom ; F ou M ; AAAA-MM-JJ ».`,
    noCandidates: (list: string) => `${list} n'a aucun candidat.`,
    motionHeading: 'Quorum et majorité requise',
    noMotion: 'Aucune motion',
    motion: 'Motion (réponses : pour, puis contre)',
    majority: 'Majorité requise',
    majorityHint: 'Une comparaison et une part : « > 1/2 » (majorité absolue), « >= 2/3 », « >= 3/5 ».',
    base: 'Calculée sur',
    bases: { valid: 'les suffrages exprimés (blancs exclus)', cast: 'les votes (blancs compris)' },
    quorum: 'Quorum',
    quorumHint:
      'Une part du poids de la liste électorale, par exemple « 1/4 », ou un poids absolu de bulletins déposés, par exemple « 120 » ; laissez vide pour aucun quorum.',
    quorumKind: 'Quorum compté comme',
    quorumKinds: {
      share: 'une part du poids de la liste électorale',
      weight: 'un poids absolu de bulletins déposés',
    },
    save: 'Enregistrer les règles',
    saved: "Règles de l'élection enregistrées.",
  },
};
