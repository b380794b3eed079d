/** The `cuts=` URL parameter now lives in src/lib (the address bar is written in one place, src/store/url-sync.ts). */
export * from '../../lib/cuts-param.ts';
