import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../delivery/index.js';
import {
  type BoxSettingsNow,
  type ConsultationSettings,
  DEFAULT_CONSULTATION_SETTINGS,
  planBox,
  settingsProblem,
} from './consultation-settings.js';

const box = (over: Partial<BoxSettingsNow> = {}): BoxSettingsNow => ({
  state: 'draft',
  credentialsIssued: false,
  credentialMode: 'server',
  delivery: { ...DEFAULT_SETTINGS },
  recovery: 'undecided',
  scrutineers: new Set(),
  credentialAuthorities: new Set(),
  ...over,
});

const wide: ConsultationSettings = {
  recovery: 'none',
  officer: null,
  loginMode: 'password',
  passwordDelaySeconds: 600,
  helpContact: 'help@federation.example',
  defaultLanguage: 'en',
  scrutineers: ['scrutineer-a', 'scrutineer-b'],
};

describe('consultation-wide settings applied to a box', () => {
  it('sets every field on a box that still has the defaults, grants the roles and records "no recovery"', () => {
    const plan = planBox(DEFAULT_CONSULTATION_SETTINGS, wide, box());
    expect(plan.delivery).toEqual({
      loginMode: 'password',
      passwordDelaySeconds: 600,
      helpContact: 'help@federation.example',
      defaultLanguage: 'en',
    });
    expect(plan.grants).toEqual([
      { accountId: 'scrutineer-a', role: 'scrutineer' },
      { accountId: 'scrutineer-b', role: 'scrutineer' },
    ]);
    expect(plan.noRecovery).toBe(true);
    expect(plan.kept).toEqual([]);
  });

  it("keeps a box's own override of a field and reports it, while the other fields move", () => {
    const overridden = box({ delivery: { ...DEFAULT_SETTINGS, helpContact: 'overseas desk +33 1 23' } });
    const plan = planBox(DEFAULT_CONSULTATION_SETTINGS, wide, overridden);
    expect(plan.delivery?.helpContact).toBe('overseas desk +33 1 23');
    expect(plan.delivery?.passwordDelaySeconds).toBe(600);
    expect(plan.kept).toEqual(['helpContact']);
    // The next consultation-wide change still leaves it alone.
    const later = planBox(
      wide,
      { ...wide, helpContact: 'new desk' },
      {
        ...overridden,
        delivery: plan.delivery!,
      },
    );
    expect(later.delivery).toBeNull();
    expect(later.kept).toEqual(['helpContact']);
  });

  it('grants only the roles a box lacks, and the officer as credential authority', () => {
    const escrow = {
      ...wide,
      recovery: 'escrow' as const,
      officer: 'officer-1',
      scrutineers: ['scrutineer-a'],
    };
    const plan = planBox(
      DEFAULT_CONSULTATION_SETTINGS,
      escrow,
      box({ scrutineers: new Set(['scrutineer-a']) }),
    );
    expect(plan.grants).toEqual([{ accountId: 'officer-1', role: 'credential-authority' }]);
    expect(plan.noRecovery).toBe(false);
  });

  it('does not change the sign-in mode of an open box, nor the recovery choice once credentials are issued', () => {
    const plan = planBox(
      DEFAULT_CONSULTATION_SETTINGS,
      { ...wide, loginMode: 'one-time-code' },
      box({ state: 'open', credentialsIssued: true }),
    );
    expect(plan.delivery?.loginMode).toBe('password');
    expect(plan.kept).toEqual(['loginMode', 'recovery']);
    expect(plan.noRecovery).toBe(false);
  });

  it('leaves a published box alone', () => {
    const plan = planBox(
      DEFAULT_CONSULTATION_SETTINGS,
      wide,
      box({ state: 'published', credentialsIssued: true }),
    );
    expect(plan).toEqual({ delivery: null, grants: [], revokes: [], noRecovery: false, kept: ['recovery'] });
  });

  it('moves the channel of passwords and codes like the other fields, a channel never chosen being mail', () => {
    const bySms = { ...wide, secretChannel: 'sms' as const };
    const plan = planBox(
      DEFAULT_CONSULTATION_SETTINGS,
      bySms,
      box({ state: 'open', credentialsIssued: true }),
    );
    expect(plan.delivery?.secretChannel).toBe('sms');
    // A box that chose SMS on its own page keeps it when the consultation goes back to mail.
    const own = box({ delivery: { ...DEFAULT_SETTINGS, secretChannel: 'sms' } });
    const back = planBox(DEFAULT_CONSULTATION_SETTINGS, { ...wide, secretChannel: 'email' }, own);
    expect(back.delivery?.secretChannel).toBe('sms');
    expect(back.kept).toContain('secretChannel');
    // A box that followed the consultation to SMS follows it back.
    const followed = box({ delivery: { ...plan.delivery! } });
    expect(planBox(bySms, { ...bySms, secretChannel: 'email' }, followed).delivery?.secretChannel).toBe(
      'email',
    );
  });

  it('takes a scrutineer the consultation no longer names off a draft box only, and never one named on the box', () => {
    const named = box({ scrutineers: new Set(['scrutineer-a', 'scrutineer-b', 'box-own']) });
    const fewer = { ...wide, scrutineers: ['scrutineer-b'] };
    expect(planBox(wide, fewer, named).revokes).toEqual([{ accountId: 'scrutineer-a', role: 'scrutineer' }]);
    const open = planBox(wide, fewer, { ...named, state: 'open' });
    expect(open.revokes).toEqual([]);
    expect(open.kept).toContain('scrutineers');
    // Already gone from the box: nothing to take, nothing kept.
    const gone = planBox(wide, fewer, box({ scrutineers: new Set(['scrutineer-b']) }));
    expect(gone.revokes).toEqual([]);
    expect(gone.kept).not.toContain('scrutineers');
  });

  it('refuses escrow without an officer, an officer without escrow, and an officer who is also a scrutineer', () => {
    expect(settingsProblem(wide)).toBeUndefined();
    expect(settingsProblem({ ...wide, recovery: 'escrow' })).toMatch(/named recovery officer/);
    expect(settingsProblem({ ...wide, officer: 'x' })).toMatch(/only with recovery by escrow/);
    expect(settingsProblem({ ...wide, recovery: 'escrow', officer: 'scrutineer-a' })).toMatch(
      /also be a scrutineer/,
    );
    expect(settingsProblem({ ...wide, scrutineers: ['a', 'a'] })).toMatch(/named twice/);
  });
});
