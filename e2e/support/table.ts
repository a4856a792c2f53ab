import type { Locator } from '@playwright/test';

/** The cells of a table's body rows, as text: row header first. */
export async function bodyCells(table: Locator): Promise<string[][]> {
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll('th, td'), (cell) => (cell.textContent ?? '').trim())),
  );
}
