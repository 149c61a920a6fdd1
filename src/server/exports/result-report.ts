/**
 * The result report, public once the result is published: per question and answer the count
 * (weighted: the sum of the weights of the ballots that chose it) and its percentage of the votes
 * cast (the total weight of the counted ballots, blank ballots included, so percentages of a
 * question allowing several choices may add up to more than 100), the turnout in ballots and weights,
 * the sealed hashes of the Setup event and the hash of the archive's last event, which pins the whole
 * board (every event names its parent's hash). Anyone can check the report against the archive.
 *
 * Counts are decimal strings (weights may exceed 2^53); percentages are rounded half up to two
 * decimals. A blank vote is answer number 0; real answers are numbered from 1. Non-homomorphic
 * questions (majority judgment, Schulze, STV) have no counts per answer: their clear ballots are
 * given in the JSON report, to be counted with the question's method.
 */
import { isHomomorphic, type Question } from '../../protocol/messages.js';
import { weightFromJson } from '../../protocol/tally.js';
import { storedResult } from '../../store/decode.js';
import type { ElectionRow, VoterRow } from '../../store/store.js';
import { exportTable } from './table.js';

export interface ResultReportSource {
  readonly election: Pick<
    ElectionRow,
    'id' | 'name' | 'fingerprint' | 'trusteesHash' | 'credentialsHash' | 'resultJson'
  >;
  /** The questions as sealed in election.json. */
  readonly questions: readonly Question[];
  readonly ballotsCounted: number;
  readonly weightCast: bigint;
  readonly voters: readonly Pick<VoterRow, 'weight'>[];
  readonly archive: { readonly finalHash: string; readonly height: number; readonly verified: boolean };
  /** The election's own rules' hash, sealed at opening (issue 17); null without rules. */
  readonly rulesHash: string | null;
}

export interface AnswerReport {
  readonly number: number;
  readonly answer: string;
  readonly blank: boolean;
  readonly count: string | null;
  readonly percentOfVotesCast: string | null;
}

export interface QuestionReport {
  readonly number: number;
  readonly question: string;
  readonly kind: 'homomorphic' | 'non-homomorphic';
  readonly answers: readonly AnswerReport[];
  /** Non-homomorphic questions: the decrypted ballots (grades or ranks per answer), as published. */
  readonly ballots?: readonly (readonly number[])[];
}

export interface ResultReport {
  readonly election: { readonly id: string; readonly name: string };
  readonly sealed: {
    readonly election: string;
    readonly trustees: string;
    readonly credentials: string;
    /** The election's own rules (lists, seats, majorities), null without rules: as the public summary. */
    readonly rules: string | null;
  };
  readonly archive: { readonly finalHash: string; readonly height: number; readonly verified: boolean };
  readonly turnout: {
    readonly ballotsCounted: number;
    readonly weightCast: string;
    readonly voters: number;
    readonly votersWeight: string;
  };
  readonly questions: readonly QuestionReport[];
}

/** count / total as a percentage with two decimals, rounded half up; null without votes. */
export function percentage(count: bigint, total: bigint): string | null {
  if (total <= 0n) return null;
  const hundredths = (count * 20000n + total) / (2n * total);
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

export function toResultReport(source: ResultReportSource): ResultReport {
  const { election } = source;
  if (
    election.resultJson === null ||
    !election.fingerprint ||
    !election.trusteesHash ||
    !election.credentialsHash
  ) {
    throw new Error(`election ${election.id} has no sealed result`);
  }
  const result = storedResult(election.resultJson);
  if (!Array.isArray(result) || result.length !== source.questions.length) {
    throw new Error(`election ${election.id}: the result does not match its questions`);
  }
  const questions = source.questions.map((question, i): QuestionReport => {
    const values = result[i] as unknown[];
    if (isHomomorphic(question)) {
      const labels = [...(question.blank ? [null] : []), ...question.answers];
      if (values.length !== labels.length)
        throw new Error(`question ${i + 1}: ${values.length} counts for ${labels.length} answers`);
      const answers = labels.map((label, j): AnswerReport => {
        const count = weightFromJson(values[j]);
        if (count === undefined) throw new Error(`question ${i + 1}: count ${j} is not a whole number`);
        return {
          number: question.blank ? j : j + 1,
          answer: label ?? '(blank)',
          blank: label === null,
          count: count.toString(),
          percentOfVotesCast: percentage(count, source.weightCast),
        };
      });
      return { number: i + 1, question: question.question, kind: 'homomorphic', answers };
    }
    const value = question.value as { question: string; answers: string[] };
    return {
      number: i + 1,
      question: value.question,
      kind: 'non-homomorphic',
      answers: value.answers.map((answer, j) => ({
        number: j + 1,
        answer,
        blank: false,
        count: null,
        percentOfVotesCast: null,
      })),
      ballots: values as number[][],
    };
  });
  return {
    election: { id: election.id, name: election.name },
    sealed: {
      election: election.fingerprint,
      trustees: election.trusteesHash,
      credentials: election.credentialsHash,
      rules: source.rulesHash,
    },
    archive: {
      finalHash: source.archive.finalHash,
      height: source.archive.height,
      verified: source.archive.verified,
    },
    turnout: {
      ballotsCounted: source.ballotsCounted,
      weightCast: source.weightCast.toString(),
      voters: source.voters.length,
      votersWeight: source.voters.reduce((sum, v) => sum + BigInt(v.weight), 0n).toString(),
    },
    questions,
  };
}

/** One CSV record per answer; the turnout and the hashes repeat on every record, so any excerpt stays tied to the archive. */
export type ResultRow = {
  readonly questionNumber: number;
  readonly question: string;
  readonly answerNumber: number;
  readonly answer: string;
  readonly count: string | null;
  readonly percentOfVotesCast: string | null;
  readonly ballotsCounted: number;
  readonly weightCast: string;
  readonly electionFingerprint: string;
  readonly trusteesHash: string;
  readonly credentialsHash: string;
  readonly archiveFinalHash: string;
};

export function toResultRows(report: ResultReport): ResultRow[] {
  return report.questions.flatMap((question) =>
    question.answers.map((answer) => ({
      questionNumber: question.number,
      question: question.question,
      answerNumber: answer.number,
      answer: answer.answer,
      count: answer.count,
      percentOfVotesCast: answer.percentOfVotesCast,
      ballotsCounted: report.turnout.ballotsCounted,
      weightCast: report.turnout.weightCast,
      electionFingerprint: report.sealed.election,
      trusteesHash: report.sealed.trustees,
      credentialsHash: report.sealed.credentials,
      archiveFinalHash: report.archive.finalHash,
    })),
  );
}

export const RESULT = exportTable<ResultRow>({
  questionNumber: 'question_number',
  question: 'question',
  answerNumber: 'answer_number',
  answer: 'answer',
  count: 'count',
  percentOfVotesCast: 'percent_of_votes_cast',
  ballotsCounted: 'ballots_counted',
  weightCast: 'weight_cast',
  electionFingerprint: 'election_fingerprint',
  trusteesHash: 'trustees_hash',
  credentialsHash: 'credentials_hash',
  archiveFinalHash: 'archive_final_hash',
});
