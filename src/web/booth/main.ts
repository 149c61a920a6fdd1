/**
 * Entry point of the voting booth (served at /vote/:electionId). Reads the election id from the
 * path and the credential from the URL fragment (which browsers never send to servers), removes the
 * fragment from the address bar and history, picks the language, and starts the booth.
 */
import { isLanguage, type Language, negotiateLanguage } from '../../i18n/index.js';
import { VoterApi } from './api.js';
import { Booth, type BoothElements } from './booth.js';
import { initialState } from './state.js';

const LANGUAGE_KEY = 'scrutin.language';

function electionIdFromPath(pathname: string): string {
  const match = /^\/vote\/([^/]+)\/?$/.exec(pathname);
  try {
    return match?.[1] ? decodeURIComponent(match[1]) : '';
  } catch {
    return '';
  }
}

/** `#credential=XXX-…`: taken once, then wiped from the address bar so it is not bookmarked or shared. */
function takeCredentialFromFragment(): string | undefined {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const credential = fragment.get('credential') ?? undefined;
  if (window.location.hash !== '') {
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }
  return credential;
}

function storedLanguage(): Language | undefined {
  try {
    const value = window.localStorage.getItem(LANGUAGE_KEY);
    return value !== null && isLanguage(value) ? value : undefined;
  } catch {
    return undefined; // storage disabled: fall back to the browser's languages
  }
}

function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // not remembered across visits; nothing else depends on it
  }
}

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`booth page is missing #${id}`);
  return found;
}

function main(): void {
  const electionId = electionIdFromPath(window.location.pathname);
  const browserLanguages = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  const language = storedLanguage() ?? negotiateLanguage(browserLanguages);
  const state = initialState(electionId, language);
  const credential = takeCredentialFromFragment();
  if (credential !== undefined) {
    state.credentialText = credential;
    state.credentialFromLink = true;
  }
  const elements: BoothElements = {
    header: element('booth-header'),
    screen: element('booth-screen'),
    alert: element('booth-alert'),
    status: element('booth-status'),
  };
  const booth = new Booth(state, elements, new VoterApi(electionId, () => state.language), storeLanguage);
  void booth.start();
}

main();
