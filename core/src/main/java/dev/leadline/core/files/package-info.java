/**
 * Files on leads: quotes, decks, signed forms a rep attaches through the API, the console or a chat
 * thread. The content sits in a {@link dev.leadline.core.files.FileStore} (the data directory, or an
 * S3-compatible bucket shared by several nodes); the lead keeps its name, sniffed type, size and
 * checksum. The same content is kept once per lead. A merge moves the files to the survivor and an
 * unmerge back; a converted lead's files are also its account's and contact's, until unconverted.
 */
package dev.leadline.core.files;
