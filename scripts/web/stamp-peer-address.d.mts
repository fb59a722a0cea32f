// The preload has no exports: importing it patches http.Server (see stamp-peer-address.mjs).
export {};
