import { browser } from 'wxt/browser';
import { parseMarkdownSubset } from '../../src/about/markdown-subset';
import { privacyText } from '../../src/about/privacy-text';
import { renderMarkdownBlocks } from '../../src/about/render-markdown';
import { localizePage, t } from '../../src/i18n/t';
import '../../src/gallery/theme.css';
import './style.css';

localizePage(document);
const version = document.querySelector('#version');
if (version) version.textContent = t('aboutVersion', browser.runtime.getManifest().version);
document.querySelector('#privacy')?.append(renderMarkdownBlocks(document, parseMarkdownSubset(privacyText(t('catalogLocale')))));
