/**
 * The shape every language's alert templates share: pure functions from the alert facts (and, for the
 * headline and the short forms, the options that say which details to keep) to text.
 *
 * @example
 *   TEMPLATES['fr-MA'].short(facts, RICHEST);
 */
import type { AlertFacts, NameMode } from './alert-facts.ts';
import type { ShortOptions } from './short-forms.ts';

export interface HeadlineOptions {
  readonly name: NameMode;
  readonly place: 'short' | 'none';
}

export interface LanguageTemplates {
  headline(facts: AlertFacts, options: HeadlineOptions): string;
  /** Without the officer's free text, which the caller appends. */
  description(facts: AlertFacts): string;
  instruction(facts: AlertFacts): string;
  short(facts: AlertFacts, options: ShortOptions): string;
}
