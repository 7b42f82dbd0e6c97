// Which documents the relay lets a frame name: those of a group it serves,
// numbered within the group's volume cap. Only these reach automerge-repo, so
// the memory kept for document ids stays bounded (a stranger asking for a
// million made-up ids costs nothing kept). Each is held ready from the shared
// genesis when nothing is stored for it yet: a peer that claims a document
// and never sends it would otherwise leave automerge-repo waiting 60 s and
// then failing outside any handler.
import type { DocumentId, Repo } from "@automerge/automerge-repo";
import { INDEX_GENESIS, VOLUME_GENESIS, describeDocument, documentIdOf } from "@tally/documents";
import type { DocumentKind } from "./change-schema.ts";

export function servedDocuments(repo: Repo, storedBytes: (documentId: string) => number, maxVolumesPerGroup: number): (documentId: string) => DocumentKind | null {
  // Index document id by group prefix, for the groups this relay serves.
  const indexIds = new Map<string, DocumentId>();
  return (documentId) => {
    const described = describeDocument(documentId as DocumentId);
    if (!described || described.n > maxVolumesPerGroup) return null;
    let indexId = indexIds.get(described.prefix);
    if (indexId === undefined) {
      indexId = documentIdOf(described.prefix.padEnd(32, "0"), 0);
      if (repo.handles[indexId] === undefined) return null;
      indexIds.set(described.prefix, indexId);
    }
    if (repo.handles[indexId] === undefined) return null;
    if (repo.handles[documentId as DocumentId] === undefined && storedBytes(documentId) === 0) {
      repo.import(described.n === 0 ? INDEX_GENESIS : VOLUME_GENESIS, { docId: documentId as DocumentId });
    }
    return described;
  };
}
