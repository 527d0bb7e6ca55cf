/**
 * Where files on leads are kept (a directory, or an S3-compatible bucket) and how an incoming file is
 * received: spooled to disk while hashed, and its type sniffed from its content.
 */
package dev.leadline.server.files;
