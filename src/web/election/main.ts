/**
 * Entry point of the public election page (served at /elections/:electionId): no sign-in, nothing
 * sent but reads of the public board. A tracker in the fragment (`#tracker=…`, as the booth's
 * confirmation links it) is looked up at once.
 */

import { initialLanguage, storeLanguage } from '../kit/language.js';
import { electionIdFromPath, element, PageHeader } from '../kit/shell.js';
import { PublicBoardApi } from './api.js';
import { ElectionPage } from './page.js';

function main(): void {
  const electionId = electionIdFromPath('elections');
  let language = initialLanguage();
  const api = new PublicBoardApi(electionId, () => language);
  const header = new PageHeader(element('page-header'), (chosen) => {
    if (chosen === language) return;
    language = chosen;
    storeLanguage(chosen);
    page.switchLanguage(chosen);
  });
  const page = new ElectionPage(
    language,
    { content: element('page-content'), alert: element('page-alert') },
    header,
    api,
  );
  void page.start();
}

main();
