/** Les règles propres d'une élection (issue 17) : la section du procès-verbal sur les sièges et décisions. */
import type { Messages } from '../en/index.js';

export const electionRules: Messages['electionRules'] = {
  pv: {
    title: "Sièges et décisions selon les règles de l'élection",
    hash: "Empreinte scellée des règles de l'élection",
    pending: 'Les sièges sont répartis quand toutes les urnes sont publiées ou annulées.',
    question: (n: number) => `Question ${n}`,
    method: {
      dhondt: "D'Hondt (plus forte moyenne)",
      'sainte-lague': 'Sainte-Laguë',
      hare: 'quotient de Hare, plus forts restes',
    } as Record<string, string>,
    seatsThreshold: (seats: number, threshold: string) =>
      `${seats} sièges ; seuil ${threshold.replace('.', ',')}\u00a0% des suffrages donnés aux listes`,
    headers: ['Liste', 'Voix', 'Admise', 'Sièges', 'Élus, dans l’ordre de la liste'],
    yes: 'oui',
    no: 'non (sous le seuil)',
    exhausted: 'tous ses candidats sont élus : ses sièges suivants sont allés aux listes suivantes',
    averages: 'Moyennes (voix ÷ diviseur)',
    divisor: 'diviseur',
    quota: (q: string) => `Quotient : ${q} voix par siège`,
    quotients: ['Liste', 'Quotients entiers', 'Reste'],
    vacant: (n: number) =>
      `${n} siège(s) vacant(s) : aucune liste ayant des voix et des candidats restants ne pouvait les prendre.`,
    undecided: (seats: number, lists: string) =>
      `${seats} siège(s) indécis : moyennes égales et voix égales entre ${lists}.`,
    settled: (step: string, winners: string) => `Départagé selon les statuts (${step}) : ${winners}.`,
    steps: { 'older-candidate': 'candidat le plus âgé', draw: 'tirage au sort' } as Record<string, string>,
    draw: (context: string, seed: string) =>
      `Tirage « ${context} », graine ${seed} (SHA-256 de « scrutin-draw-v1| » + empreinte finale de l’archive + « | » + contexte).`,
    unsettled: 'Pas encore départagé : les statuts décident, et un administrateur l’enregistre.',
    outcome: {
      adopted: 'adoptée',
      rejected: 'rejetée',
      'quorum-not-reached': 'quorum non atteint',
      elected: 'élu',
      tie: 'égalité',
      'second-round': 'second tour',
      'no-votes': 'aucune voix',
    } as Record<string, string>,
    quorum: (turnout: string, required: string) => `participation ${turnout}, quorum ${required}`,
    majority: (majority: string, base: string) => `majorité ${majority} de ${base}`,
  },
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
};
