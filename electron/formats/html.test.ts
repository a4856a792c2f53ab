import { TextDecoder } from '@exodus/bytes/encoding.js';
import { createSinglebyteEncoder } from '@exodus/bytes/single-byte.js';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testData } from '../testing/temp';
import { readHtml } from './html';

const bytes = (name: string) => readFileSync(testData(`formats/${name}`));
const utf8 = (name: string) => bytes(name).toString('utf8');

const FERRY = [
  'Council approves Bayside ferry route despite cost warnings',
  'The city council voted 7-2 on Tuesday night to fund a new ferry route between Bayside and the old port, ' +
    'overriding warnings from its own finance office that the service could run a deficit of $3.1 million in its first year.',
  'Supporters said the route would cut the morning commute for about 4,000 residents of Bayside, who now spend ' +
    'more than an hour on two buses to reach the business district. “This is the most important transport decision ' +
    'this council will make in a decade,” said Councilmember Rosa Delgado, who proposed the plan.',
  'The finance office’s report, released last week, estimated that ticket sales would cover less than half of the ' +
    'operating cost unless fares rose above $6 a trip. According to two officials familiar with the negotiations, ' +
    'the port authority has asked the city to cover any shortfall for at least five years.',
  'One of the officials, who spoke on condition of anonymity because the talks are continuing, said the authority ' +
    'had threatened to withdraw its offer of the terminal building if the city refused.',
  'Councilmember Tom Hendricks, who voted against the plan, called the projections “wishful thinking.” He said the ' +
    'council had not studied whether express buses could do the same job for a fraction of the cost.',
  'The first boats could enter service in the spring of 2026, the council said. A public hearing on fares is ' +
    'scheduled for April 18.',
].join('\n\n');

const WATER = [
  'Water utility knew of lead pipes for years, records show',
  'Managers at Northgate Water were told in 2019 that at least 11,000 homes were still served by lead pipes, ' +
    'according to internal emails obtained by the Northern Ledger, two years before the utility said publicly ' +
    'that it had “no reliable estimate”.',
  'The emails, shared by a former employee who asked not to be named for fear of losing a pension settlement, ' +
    'show that an engineering survey was completed in March 2019 and sent to the utility’s board.',
  'What the survey found',
  'The survey, which the Ledger has published in full, listed three districts where the problem was most severe:',
  'Eastfield, with about 4,200 lead service lines;',
  'Mill Lane and the old tannery estate, with about 3,900;',
  'Harrow Cross, with about 2,900.',
  'A lead service line removed from a house in Eastfield in May.',
  'Residents of Eastfield said they had never been warned.\n“We have a baby in the house,” said Claire Dunmore, 34. ' +
    '“Somebody should have told us.”',
  'The utility has always acted on the best information available to it at the time.',
  'That statement, sent by a Northgate Water spokesperson on Monday, did not address why the 2019 survey was not ' +
    'made public. The company declined to make its chief executive available for an interview.',
  'A spokesperson for the regional health authority said it would “review the documents urgently” and that ' +
    'testing in the three districts would begin next week.',
].join('\n\n');

const DAM = [
  'Mill Creek dam inspection finds ‘serious’ cracks',
  'State engineers found “serious” cracks in the spillway of the Mill Creek dam during an inspection last month, ' +
    'according to a report released on Friday — the first time the 1962 structure has been rated unsatisfactory.',
  'The report, which the Tribune obtained through a records request, said the cracks were “not an immediate ' +
    'threat” but recommended lowering the reservoir by two metres before spring. Repairs could cost as much as ' +
    '€1.8 million, a figure the county said it could not yet confirm.',
  '“We are taking this very seriously,” said County Executive Renée Dubois. She said residents downstream would ' +
    'be told about any change to the water level at least a week in advance.',
  'A county employee who was not authorized to speak publicly said the spillway had been flagged in two earlier ' +
    'inspections, in 2015 and 2019, but that the repairs were postponed each time because of budget cuts.',
].join('\n\n');

describe('readHtml', () => {
  it('takes the article and its metadata from a news page full of scripts, ads, banners and comments', async () => {
    const doc = await readHtml(bytes('harbor-gazette-ferry.html'), 'ferry.html');
    expect(doc).toEqual({
      source: 'ferry.html',
      format: 'html',
      title: 'Council approves Bayside ferry route despite cost warnings',
      text: FERRY,
      // The site name from og:site_name / JSON-LD, the author from the byline metadata (and the
      // "By Marta Okafor" line inside the story body is gone), rel=canonical over og:url.
      outlet: 'The Harbor Gazette',
      author: 'Marta Okafor',
      publishedAt: '2024-03-05T18:42:00Z',
      url: 'https://www.harborgazette.example/news/2024/03/05/council-approves-bayside-ferry-route',
      annotator: null,
      annotations: [],
      relations: [],
      labels: [],
    });
  });

  it('keeps headings, list items, captions, quotes and line breaks as paragraphs of another layout', async () => {
    const doc = await readHtml(bytes('northern-ledger-water.html'), 'water.html');
    expect(doc.text).toBe(WATER);
    expect(doc.title).toBe('Water utility knew of lead pipes for years, records show');
    // JSON-LD's two authors (not article:author's profile URL), the offset as written, og:url.
    expect(doc.author).toBe('Samir Haddad, Ines Park');
    expect(doc.outlet).toBe('Northern Ledger');
    expect(doc.publishedAt).toBe('2024-06-12T09:15:00+02:00');
    expect(doc.url).toBe('https://northernledger.example/investigations/water-utility-lead-pipes');
  });

  it('decodes a page by the windows-1252 charset its <meta> declares', async () => {
    const raw = bytes('lakeside-tribune-windows-1252.html');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(raw)).toThrow();
    const doc = await readHtml(raw, 'dam.html');
    expect(doc.text).toBe(DAM);
    // "— Lakeside Tribune" is taken off the <title>; the byline comes from the page's "By" line.
    expect(doc.title).toBe('Mill Creek dam inspection finds ‘serious’ cracks');
    expect(doc.author).toBe('Élodie Martin');
    expect(doc.outlet).toBe('Lakeside Tribune');
    expect(doc.publishedAt).toBe('2023-11-20T07:30:00-05:00');
    expect(doc.url).toBe('https://lakesidetribune.example/2023/11/20/mill-creek-dam-cracks/');
  });

  it('follows the declared charset over what the bytes look like', async () => {
    // In ISO-8859-15 the euro sign is 0xA4, which Windows-1252 (what chardet would guess) reads as ¤.
    const plain = (text: string) => text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/—/g, '-');
    const page = plain(new TextDecoder('windows-1252').decode(bytes('lakeside-tribune-windows-1252.html')))
      .replace('<meta charset="windows-1252">', '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">');
    const latin9 = createSinglebyteEncoder('iso-8859-15')(page);
    expect(latin9.includes(0xa4)).toBe(true);
    const doc = await readHtml(latin9, 'latin9.html');
    expect(doc.text).toBe(plain(DAM));
    expect(doc.text).toContain('€1.8 million');
  });

  it('reads a page that declares no charset as UTF-8, or else in the encoding chardet recognizes', async () => {
    const legacy = Buffer.from(
      bytes('lakeside-tribune-windows-1252.html').toString('latin1').replace('<meta charset="windows-1252">', ''),
      'latin1',
    );
    expect((await readHtml(legacy, 'dam-legacy.html')).text).toBe(DAM);
    const asUtf8 = Buffer.from(
      new TextDecoder('windows-1252').decode(legacy),
      'utf8',
    );
    expect((await readHtml(asUtf8, 'dam-utf8.html')).text).toBe(DAM);
  });

  it('reads an XHTML page, which starts with an XML declaration (file-type calls that XML)', async () => {
    const xhtml = Buffer.from(
      '<?xml version="1.0" encoding="windows-1252"?>\n' +
        bytes('lakeside-tribune-windows-1252.html')
          .toString('latin1')
          .replace('<!DOCTYPE html>', '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">')
          .replace('<meta charset="windows-1252">', ''),
      'latin1',
    );
    expect((await readHtml(xhtml, 'dam.xhtml.html')).text).toBe(DAM);
  });

  it('reads the same text when the page carries a 300 KB data: URI image', async () => {
    const image = `data:image/png;base64,${randomBytes(225 * 1024).toString('base64')}`;
    expect(image.length).toBeGreaterThan(300 * 1024);
    const water = utf8('northern-ledger-water.html').replace('http://127.0.0.1:9/img/pipe.jpg', image);
    expect(water).toContain(image);
    expect((await readHtml(Buffer.from(water), 'water.html')).text).toBe(WATER);
    const ferry = utf8('harbor-gazette-ferry.html').replace(/data:image\/png;base64,[^"]+/, image);
    expect((await readHtml(Buffer.from(ferry), 'ferry.html')).text).toBe(FERRY);
  });

  it('refuses a page without an article', async () => {
    await expect(readHtml(bytes('harbor-gazette-sport-index.html'), 'sport.html')).rejects.toThrow(
      'sport.html has no article text that Byline could find.',
    );
  });

  it('refuses a page with too little text to be an article', async () => {
    const page = '<!doctype html><title>Brief</title><article><p>Road closed on Monday.</p></article>';
    await expect(readHtml(Buffer.from(page), 'brief.html')).rejects.toThrow(
      'brief.html has no article text that Byline could find.',
    );
  });

  it('refuses an empty file and a file that is not a page', async () => {
    await expect(readHtml(Buffer.alloc(0), 'empty.html')).rejects.toThrow(
      'empty.html is empty: there is no text to annotate.',
    );
    await expect(readHtml(readFileSync(testData('photo-renamed.txt')), 'photo.html')).rejects.toThrow(
      'photo.html is not a text file: it looks like a PNG image (image/png).',
    );
  });

  describe('never runs or fetches anything from the page', () => {
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end('document.body.innerHTML = "FETCHED"');
    });
    let origin = '';

    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('makes no request for scripts, styles, images, frames, beacons or refreshes', async () => {
      // The pages point every script, stylesheet, image, iframe, object, beacon and meta refresh at
      // 127.0.0.1:9; here they point at a live server that counts what it is asked for.
      const live = (name: string) => Buffer.from(utf8(name).replaceAll('http://127.0.0.1:9', origin));
      expect(live('northern-ledger-water.html').toString()).toContain(`${origin}/gpt.js`);
      const ferry = await readHtml(live('harbor-gazette-ferry.html'), 'ferry.html');
      const water = await readHtml(live('northern-ledger-water.html'), 'water.html');
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The one request the server sees is the test's own, which shows that it would count others.
      await (await fetch(`${origin}/control`)).text();
      expect(requests).toEqual(['/control']);
      // Neither document.write, inline handlers (onload, onerror) nor a late script changed the text.
      expect(ferry.text).toBe(FERRY);
      expect(water.text).toBe(WATER);
    });
  });
});
