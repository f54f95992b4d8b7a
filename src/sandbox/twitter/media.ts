/**
 * Chunked v2 media uploads in progress (initialize → append → finalize), kept in the process
 * that runs the stand-in: an upload lives for minutes and never crosses processes.
 */
export interface MediaUpload {
  id: string;
  mediaType: string;
  totalBytes: number;
  category: string | undefined;
  segments: Map<number, number>;
  finalized: boolean;
  expiresAt: number;
}

/** X keeps an uploaded, unused media id for 24 hours. */
export const MEDIA_EXPIRES_AFTER_SECS = 86_400;
/** X's image limit for tweet_image (5 MB). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export function createMediaUploads(clock: () => number) {
  const uploads = new Map<string, MediaUpload>();

  const live = (id: string) => {
    const upload = uploads.get(id);
    if (upload === undefined || upload.expiresAt <= clock()) return undefined;
    return upload;
  };

  return {
    start(id: string, mediaType: string, totalBytes: number, category: string | undefined): MediaUpload {
      const upload: MediaUpload = {
        id,
        mediaType,
        totalBytes,
        category,
        segments: new Map(),
        finalized: false,
        expiresAt: clock() + MEDIA_EXPIRES_AFTER_SECS * 1000,
      };
      uploads.set(id, upload);
      return upload;
    },
    get: live,
    /** Whether `id` names an upload that was finalized and can be attached to a tweet. */
    isReady(id: string): boolean {
      return live(id)?.finalized === true;
    },
    clear() {
      uploads.clear();
    },
  };
}

export type MediaUploads = ReturnType<typeof createMediaUploads>;
