/**
 * How the browser tests and the benchmarks start Debian's chromium: one path, one set of flags.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Flags that keep chromium from reaching out on a machine with no network (see ../shared/guide/STACK.md). */
const OFFLINE_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Chromium 156 builds its omnibox popup (chrome://omnibox-popup.top-chrome/) as a WebUI page in a renderer process
 * of its own, in every new window, and every fresh browser context of a test is a new window. That renderer spends
 * about 300 ms of CPU in the window's first second: exactly when the test's page loads, on a machine of two cores.
 * A visitor's browser built its window long before they opened Hitcast, so the benchmarks would charge the page for
 * browser chrome no one sees (README.md, "Measured figures", has the A/B). Turned off for tests and benchmarks alike.
 */
const NO_OMNIBOX_WEBUI = '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup';

export const CHROMIUM_ARGS = [...OFFLINE_FLAGS, NO_OMNIBOX_WEBUI];
