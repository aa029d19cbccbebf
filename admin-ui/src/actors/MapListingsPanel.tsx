// Where an actor appears on the ESS maps it was imported from (GoGoCarto, Carteco): the map's own category labels and
// opening hours, as the map publishes them. Nothing is shown for an actor that is on no map.
import { useQuery } from 'urql';
import { graphql } from '../graphql/tada';
import { useMessages } from '../i18n';

const ActorMapListingsQuery = graphql(`
  query AdminActorMapListings($id: ID!) {
    actor(id: $id) {
      id
      mapListings {
        source
        sourceId
        categories
        openingHours {
          day
          hours
        }
      }
    }
  }
`);

export function MapListingsPanel({ actorId }: { actorId: string }) {
  const t = useMessages();
  const m = t.actors.mapListings;
  const [result] = useQuery({ query: ActorMapListingsQuery, variables: { id: actorId } });
  const listings = result.data?.actor?.mapListings ?? [];
  if (listings.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="actor-maps">
      <h2 id="actor-maps">{m.title}</h2>
      {listings.map((listing) => (
        <dl key={`${listing.source}-${listing.sourceId}`} className="actor-facts">
          <div>
            <dt>{m.map}</dt>
            <dd>{m.element(listing.source, listing.sourceId)}</dd>
          </div>
          <div>
            <dt>{m.categories}</dt>
            <dd>{listing.categories.length ? listing.categories.join(', ') : t.common.none}</dd>
          </div>
          {listing.openingHours.length > 0 && (
            <div>
              <dt>{m.hours}</dt>
              <dd>
                <ul className="actor-relation__list">
                  {listing.openingHours.map((entry) => (
                    <li key={entry.day}>
                      {m.days[entry.day] ?? entry.day} : {entry.hours}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
        </dl>
      ))}
    </section>
  );
}
