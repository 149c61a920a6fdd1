import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeHtmlNumeric } from './html.js';

describe('escapeHtml', () => {
  it('escapes the five characters, by name or by number, and leaves the rest', () => {
    expect(escapeHtml(`Vote <b>"AG"</b> & co's`)).toBe(
      'Vote &lt;b&gt;&quot;AG&quot;&lt;/b&gt; &amp; co&#39;s',
    );
    expect(escapeHtmlNumeric(`Congress & <x> "y" 'z'`)).toBe(
      'Congress &#38; &#60;x&#62; &#34;y&#34; &#39;z&#39;',
    );
    expect(escapeHtmlNumeric(1234)).toBe('1234');
    expect(escapeHtml('Zoé — ok')).toBe('Zoé — ok');
  });
});
