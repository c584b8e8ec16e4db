// @ts-check
/**
 * The docs site's own TypeDoc plugin (loaded by typedoc.json's `plugin`):
 *
 * - The guides (`@document` in src/index.ts) are the "Guides" group, with no
 *   front matter needed (docs/conformance.md is generated).
 * - `src/index.ts` is merged into the project (`@mergeModuleWith <project>`) so
 *   that the sidebar starts with Job, Task and BacalhauClient; its comment
 *   becomes the project's, shown above the index.
 * - Frozen object namespaces (`Job`, `Task`) show their members with their docs.
 * - Every export must be in one of typedoc.json's `groupOrder` groups (a
 *   `@group` tag on its doc comment): one left in a kind group ("Type Aliases",
 *   "Classes", …) is reported, which fails `npm run docs`.
 * - The README links to the guides with absolute GitHub URLs, so that the links
 *   work on the npm package page too (npm ships no docs/ folder). On the site,
 *   those links go to the guide's own page instead.
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

/**
 * The GitHub URL prefix of files at the default branch, from package.json's `repository`.
 * @param {string} packageJsonPath
 * @returns {string | undefined}
 */
function repositoryBlobPrefix(packageJsonPath) {
  const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
  const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const match = /github\.com[/:]([^/]+\/[^/.]+)(?:\.git)?$/.exec(url ?? '');
  return match ? `https://github.com/${match[1]}/blob/HEAD/` : undefined;
}

/** @param {string} text */
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
      for (const document of project.getReflectionsByKind(ReflectionKind.Document)) {
        if (document.isDocument() && !('group' in document.frontmatter)) document.frontmatter['group'] = GUIDES;
      }
      for (const module of project.getReflectionsByKind(ReflectionKind.Module)) {
        const comment = module.comment;
        const target = comment?.getTag('@mergeModuleWith');
        if (comment === undefined || target === undefined || project.comment !== undefined) continue;
        if (target.content.map((part) => part.text).join('').trim() !== '<project>') continue;
        const merged = comment.clone();
        merged.blockTags = merged.blockTags.filter((tag) => tag.tag !== '@mergeModuleWith' && tag.tag !== '@document');
        merged.modifierTags.clear();
        project.comment = merged;
      }
    },
    10001,
  );

  // `export const Job = Object.freeze({ batch(…), … })` is typed `Readonly<{ … }>`, which TypeDoc
  // shows as one opaque signature. Showing the object type itself lists every member with its
  // documentation (Job.batch, Task.from, …); that the object is frozen shows in the members' docs.
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const variable of context.project.getReflectionsByKind(ReflectionKind.Variable)) {
      if (!variable.isDeclaration()) continue;
      const type = variable.type;
      const inner = type?.type === 'reference' && type.name === 'Readonly' && type.typeArguments?.length === 1 ? type.typeArguments[0] : undefined;
      if (inner?.type === 'reflection') variable.type = inner;
    }
  });

  app.renderer.on(RendererEvent.BEGIN, (event) => {
    const groupOrder = app.options.getValue('groupOrder').filter((title) => title !== '*');
    const modules = event.project.getReflectionsByKind(ReflectionKind.Module).filter((module) => module.isDeclaration());
    for (const container of [event.project, ...modules]) {
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
    const guideLink = new RegExp(`href="${escapeRegExp(blobPrefix)}([^"#]+\\.md)(#[^"]*)?"`, 'g');
    const mediaLink = /href="(?:\.\.\/)*media\/([^"#/]+)(#[^"]*)?"/g;
    // After the markdown plugin (priority 0) has turned the text into HTML.
    app.renderer.on(
      MarkdownEvent.PARSE,
      (event) => {
        const project = event.page.project;
        const router = app.renderer.router;
        event.parsedText = event.parsedText.replace(guideLink, (whole, path, anchor = '') => {
          const absolute = resolve(root, path).replaceAll('\\', '/');
          const document = project.getReflectionsByKind(ReflectionKind.Document).find((doc) => project.files.getReflectionPath(doc) === absolute);
          if (document === undefined || router === undefined) return whole;
          return `href="${router.relativeUrl(event.page.model, document)}${anchor}"`;
        });
        // A guide's link to a source file (examples/cookbook/*.ts) would be a copy in media/,
        // which hosts serve as a download (or as video/mp2t): link to the file on GitHub instead.
        const files = project.files.getNameToAbsoluteMap();
        event.parsedText = event.parsedText.replace(mediaLink, (whole, name, anchor = '') => {
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
