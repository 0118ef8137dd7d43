/**
 * Class and id words that publishers put on boilerplate blocks (captions, share bars,
 * newsletter boxes, related-story rails, ads), shared by the pre-Readability strip and the
 * paragraph walk.
 */
import type { DomElement } from './dom.ts';

/**
 * Matched as whole words (separated by -, _ or space) so "shared" or "header" do not count as
 * "share" or "ad".
 */
const BOILERPLATE_ATTR_RE = new RegExp(
  '(?:^|[-_\\s])(?:caption|captions|credits?|newsletter|related|share|sharing|social|socialite|promo|advert|' +
    'advertisement|ad|ads|adslot|sponsor|sponsored|subscribe|subscription|signup|paywall|comments?|byline|' +
    'author-bio|tags|breadcrumbs?|toolbar|outbrain|taboola|recirc|recirculation|more-stories|read-more|readmore|' +
    'further-reading|most-popular|trending|inline-video|video-player|teaser|teasers|rail|carousel|swiper|' +
    'recommended|recommendations|also-read|read-next|up-next|next-up)(?:$|[-_\\s])',
  'i',
);

/** A marked block is kept anyway if it holds this share of the article's text (a mislabelled body). */
export const MARKED_BLOCK_MAX_SHARE = 0.3;

export function hasBoilerplateMarks(el: DomElement): boolean {
  const marks = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  return marks.trim() !== '' && BOILERPLATE_ATTR_RE.test(marks);
}
