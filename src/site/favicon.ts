/** The site's mark: three linked nodes, a small graph. Also drawn in the header beside the name. */
const MARK_PATHS = `<path d="M9 22 16 9l7 13z" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linejoin="round"/>
<circle cx="16" cy="9" r="4.2"/><circle cx="9" cy="22" r="4.2"/><circle cx="23" cy="22" r="4.2"/>`;

/** The favicon, as an SVG file that follows the browser's colour scheme. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<style>svg{color:#0a58b0;fill:#0a58b0}@media (prefers-color-scheme:dark){svg{color:#73b3ff;fill:#73b3ff}}</style>
<rect width="32" height="32" rx="7" fill="none"/>
${MARK_PATHS}
</svg>
`;

/** The mark inline in the header: decorative, since the site's name stands beside it. */
export const HEADER_MARK = `<svg viewBox="0 0 32 32" aria-hidden="true" focusable="false" fill="currentColor">${MARK_PATHS}</svg>`;
