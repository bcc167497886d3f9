import { strict as assert } from 'node:assert';
import { html, webPage } from '../../src/web/html';

describe('webPage: the one <head> of the bot\'s pages', () => {
  it('names each stylesheet (a plain address, an address made by html, one for print), escapes the title, and keeps the body as made', () => {
    const page = webPage({ title: 'A & B', stylesheets: ['/a.css', html`/b.css?x=1&amp;y=2`, { href: html`/print.css`, media: 'print' }], body: html`<main>${'<hi>'}</main>` });
    assert.match(page, /^<!doctype html>\n<html lang="en-GB">\n<head>\n/);
    assert.match(page, /<meta name="referrer" content="no-referrer">/);
    assert.match(page, /<title>A &amp; B<\/title>/);
    assert.ok(page.includes('<link rel="stylesheet" href="/a.css"><link rel="stylesheet" href="/b.css?x=1&amp;y=2"><link rel="stylesheet" media="print" href="/print.css">'), page);
    assert.match(page, /<body>\n<main>&lt;hi&gt;<\/main>\n<\/body>/);
    assert.equal(typeof page, 'string');
  });
});
