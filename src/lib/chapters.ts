import { getCollection, type CollectionEntry } from 'astro:content';

/** A chapter entry of the content collection. */
export type Chapter = CollectionEntry<'chapters'>;

/** All chapters in reading order; fails the build if two share an `order`. */
export async function chaptersInOrder(): Promise<Chapter[]> {
  const chapters = (await getCollection('chapters')).sort((a, b) => a.data.order - b.data.order);
  for (let i = 1; i < chapters.length; i++) {
    const [before, after] = [chapters[i - 1]!, chapters[i]!];
    if (before.data.order === after.data.order) {
      throw new Error(`Chapters "${before.id}" and "${after.id}" both have order ${after.data.order}.`);
    }
  }
  return chapters;
}
