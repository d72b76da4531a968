/**
 * How the browser hands a data file to the localhost web host: the names both sides share, safe to
 * bundle into the renderer (no Node imports). A browser can't tell the host where a dropped file
 * lies on disk, so it sends the bytes: `PUT /upload?name=<file name>` with the API's token, and the
 * host answers with the path of the copy it keeps in the imports folder next to the database.
 */

/** The upload endpoint. */
export const UPLOAD_PATH = '/upload';
/** The query parameter carrying the file's name (only its last part is kept, made safe). */
export const UPLOAD_NAME_PARAM = 'name';
/** Largest upload the host takes by default: 256 MiB, well above MNIST's 55 MB of unpacked IDX. */
export const DEFAULT_UPLOAD_LIMIT = 256 * 1024 * 1024;

/** What a successful upload answers with. */
export interface UploadedFile {
  /** Absolute path of the stored copy: <folder of the database>/imports/<timestamp>-<safe name>. */
  path: string;
  bytes: number;
}
