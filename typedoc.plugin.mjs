// @ts-check
/**
 * The docs site's own TypeDoc plugin (loaded by typedoc.json's `plugin`):
 *
 * - The README links to the guides with absolute GitHub URLs, so that the links
 *   work on the npm package page too (npm ships no docs/ folder). On the site,
 *   those links go to the guide's own page instead.
 * - The guides (`@document` in src/index.ts) are the "Guides" group.
 * - `src/index.ts` is merged into the project (`@mergeModuleWith <project>`) so
 *   that the sidebar starts with Job, Task and BacalhauClient; its comment
 *   becomes the project's, shown above the index.
 * - Frozen object namespaces (`Job`, `Task`) show their members with their docs.
 * - Every export must be in one of typedoc.json's `groupOrder` groups (a
 *   `@group` tag on its doc comment): one left in a kind group ("Type Aliases",
 *   "Classes", …) is reported, which fails `npm run docs`.
 * - Links from the guides to other files of the repository (the cookbook's
 *   `examples/cookbook/*.ts`) go to those files on GitHub, not to copies.
 * - The "Start here" group of the sidebar is open on a first visit.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Converter, JSX, MarkdownEvent, ReflectionKind, RendererEvent } from 'typedoc';

/** The group of the documents attached with `@document`. */
const GUIDES = 'Guides';

/** The GitHub URL prefix of files at the default branch, from package.json's `repository`. */
function repositoryBlobPrefix(packageJsonPath) {
  const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
  const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const match = /github\.com[/:]([^/]+\/[^/.]+)(?:\.git)?$/.exec(url ?? '');
  return match ? `https://github.com/${match[1]}/blob/HEAD/` : undefined;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  const root = fileURLToPath(new URL('.', import.meta.url));
  const blobPrefix = repositoryBlobPrefix(resolve(root, 'package.json'));

  // Before MergeModuleWithPlugin (priority 10000) drops the merged module and its comment.
  app.converter.on(
    Converter.EVENT_RESOLVE_BEGIN,
    (context) => {
      const project = context.project;
      // The guides need no `group:` front matter (docs/conformance.md is generated).
      for (const document of project.getReflectionsByKind(ReflectionKind.Document)) {
        if (!('group' in document.frontmatter)) document.frontmatter['group'] = GUIDES;
      }
      for (const module of project.getReflectionsByKind(ReflectionKind.Module)) {
        const target = module.comment?.getTag('@mergeModuleWith');
        if (target === undefined || project.comment !== undefined) continue;
        if (target.content.map((part) => part.text).join('').trim() !== '<project>') continue;
        const comment = module.comment.clone();
        comment.blockTags = comment.blockTags.filter((tag) => !['@mergeModuleWith', '@document'].includes(tag.tag));
        comment.modifierTags.clear();
        project.comment = comment;
      }
    },
    10001,
  );

  // `export const Job = Object.freeze({ batch(…), … })` is typed `Readonly<{ … }>`, which TypeDoc
  // shows as one opaque signature. Showing the object type itself lists every member with its
  // documentation (Job.batch, Task.from, …); that the object is frozen shows in the members' docs.
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const variable of context.project.getReflectionsByKind(ReflectionKind.Variable)) {
      const type = variable.type;
      if (type?.type === 'reference' && type.name === 'Readonly' && type.typeArguments?.length === 1 && type.typeArguments[0].type === 'reflection') {
        variable.type = type.typeArguments[0];
      }
    }
  });

  app.renderer.on(RendererEvent.BEGIN, (event) => {
    const groupOrder = app.options.getValue('groupOrder').filter((title) => title !== '*');
    const containers = [event.project, ...event.project.getReflectionsByKind(ReflectionKind.Module)];
    for (const container of containers) {
      if (!('groups' in container)) continue;
      for (const group of container.groups ?? []) {
        if (groupOrder.includes(group.title)) continue;
        const names = group.children.map((child) => child.name).join(', ');
        app.logger.warn(
          `${names} (in ${container.name}) ${group.children.length === 1 ? 'is' : 'are'} in no group of typedoc.json's groupOrder but in "${group.title}": ` +
            `add a @group tag (${groupOrder.join(', ')}) to the doc comment`,
        );
      }
    }
  });

  if (blobPrefix !== undefined) {
    const link = new RegExp(`href="${escapeRegExp(blobPrefix)}([^"#]+\\.md)(#[^"]*)?"`, 'g');
    const media = /href="((?:\.\.\/)*)media\/([^"#/]+)(#[^"]*)?"/g;
    // After the markdown plugin (priority 0) has turned the text into HTML.
    app.renderer.on(
      MarkdownEvent.PARSE,
      (event) => {
        const project = event.page.project;
        event.parsedText = event.parsedText.replace(link, (whole, path, anchor = '') => {
          const absolute = resolve(root, path).replaceAll('\\', '/');
          const document = project.getReflectionsByKind(ReflectionKind.Document).find((doc) => project.files.getReflectionPath(doc) === absolute);
          if (document === undefined) return whole;
          return `href="${app.renderer.router.relativeUrl(event.page.model, document)}${anchor}"`;
        });
        // A guide's link to a source file (examples/cookbook/*.ts) would be a copy in media/,
        // which hosts serve as a download (or as video/mp2t): link to the file on GitHub instead.
        const files = project.files.getNameToAbsoluteMap();
        event.parsedText = event.parsedText.replace(media, (whole, _up, name, anchor = '') => {
          const absolute = files.get(name);
          const path = absolute === undefined ? undefined : relative(root, absolute).replaceAll('\\', '/');
          if (path === undefined || path.startsWith('..')) return whole;
          return `href="${blobPrefix}${path}${anchor}"`;
        });
      },
      -1,
    );
  }

  // TypeDoc keeps each sidebar folder's state under `tsd-accordion-<title>`; closed unless stored.
  app.renderer.hooks.on('head.end', () => {
    const key = JSON.stringify(`tsd-accordion-${app.options.getValue('groupOrder')[0]}`);
    const html = `try{if(localStorage.getItem(${key})===null)localStorage.setItem(${key},"true")}catch{}`;
    return JSX.createElement('script', null, JSX.createElement(JSX.Raw, { html }));
  });
}
