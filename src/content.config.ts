import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

/** The notebook's chapters: one MDX file each in content/, its file name is its URL slug. */
const chapters = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content' }),
  schema: z
    .object({
      title: z.string().min(1),
      description: z.string().min(20).max(200),
      /** Position in reading order; also the chapter's number. */
      order: z.number().int().positive(),
    })
    .strict(),
});

export const collections = { chapters };
