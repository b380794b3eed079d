/**
 * One colour per leg role of a toxic combination, per theme, so "show path" can light each leg apart and a
 * legend can say which is which. Shared by the canvas stylesheet and the cards. Hues keep their meaning in
 * both themes (untrusted = red-orange, private = violet, sink = amber…); light-theme tones are darker so
 * they read on white.
 */
import type { FindingLeg } from '../graph/index.ts';

export type LegRole = FindingLeg['role'];

export const LEG_ROLES: readonly LegRole[] = ['untrusted', 'private', 'sink', 'destructive', 'exec', 'entry', 'pivot', 'target'];

export const LEG_COLORS: Record<'dark' | 'light', Record<LegRole, string>> = {
  dark: {
    untrusted: '#ff6b3d',
    private: '#a78bfa',
    sink: '#facc15',
    destructive: '#f43f5e',
    exec: '#e879f9',
    entry: '#38bdf8',
    pivot: '#34d399',
    target: '#a3e635',
  },
  light: {
    untrusted: '#d9480f',
    private: '#7c3aed',
    sink: '#a16207',
    destructive: '#be123c',
    exec: '#a21caf',
    entry: '#0369a1',
    pivot: '#047857',
    target: '#4d7c0f',
  },
};

/**
 * Legs share nodes (the untrusted mailbox is often private data too); the canvas paints in this order, so a
 * node or edge in several legs shows the later role: the way in beats what it exposes.
 */
export const LEG_PAINT_ORDER: readonly LegRole[] = ['private', 'target', 'pivot', 'entry', 'sink', 'exec', 'destructive', 'untrusted'];

/** The canvas class of a leg role. */
export const legClass = (role: LegRole): string => `leg-${role}`;
