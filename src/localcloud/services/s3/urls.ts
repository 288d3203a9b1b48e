import { WEBSITE_PATH_PREFIX } from './addressing.js';

/** Percent-encodes each path segment of a key, keeping its slashes. */
export const encodeKey = (key: string) => key.split('/').map(encodeURIComponent).join('/');

const base = (endpoint: string) => endpoint.replace(/\/+$/, '');

/** The bucket's static website on the embedded cloud's edge: plain HTTP, no DNS needed. */
export const websiteUrl = (endpoint: string, bucket: string): string => `${base(endpoint)}${WEBSITE_PATH_PREFIX}${encodeURIComponent(bucket)}/`;

/** A path-style object URL a browser can GET (anonymously, when the bucket policy allows it). */
export const objectUrl = (endpoint: string, bucket: string, key: string): string => `${base(endpoint)}/${encodeURIComponent(bucket)}/${encodeKey(key)}`;
