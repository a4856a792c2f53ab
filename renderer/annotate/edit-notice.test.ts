import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../schema/model';
import { deletedNotice } from './edit-notice';

const tag = (quote: string): Annotation => ({
  id: quote,
  documentId: 'd',
  annotatorId: 'a',
  labelId: 'l',
  fragments: [{ start: 0, end: 1 }],
  quote,
  note: null,
  attributes: {},
  createdAt: '',
  updatedAt: '',
});

describe('deletedNotice', () => {
  it('says nothing while no annotation loses all its text', () => {
    expect(deletedNotice([])).toBe('');
  });

  it('names the annotation that will be deleted by its words', () => {
    expect(deletedNotice([tag('the board had already drafted a plan')])).toBe(
      '1 annotation will be deleted: “the board had already drafted a plan”. Ctrl+Z brings it back.',
    );
  });

  it('names three, counts the rest, and shortens long quotes', () => {
    const long = 'According to a person familiar with the district’s finances, who spoke on condition of anonymity';
    const notice = deletedNotice([tag(long), tag('Helen Osei'), tag('Mercer'), tag('vote'), tag('sale')]);
    expect(notice).toBe(
      '5 annotations will be deleted: “According to a person familiar with the district’s finances…”, “Helen Osei”, “Mercer” and 2 more. Ctrl+Z brings them back.',
    );
  });
});
