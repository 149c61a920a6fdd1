/** La section du procès-verbal sur les sièges et décisions selon les règles propres d'une élection (issue 17). */
import type { SeatsProcesVerbalMessages } from '../en/seats-proces-verbal.js';

export const seatsProcesVerbal: SeatsProcesVerbalMessages = {
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
};
