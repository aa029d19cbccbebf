// The networks an actor belongs to, and for its editors a way to add it to a network or take it out (the registry's
// addNetworkMember / removeNetworkMember); the server decides who may, a refusal is said with its reason.
import { useId, useState } from 'react';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { errorCode } from '../graphql/errors';
import { useMessages } from '../i18n';
import { Link } from '../router';
import { ActorNetworksQuery, AddNetworkMemberMutation, RemoveNetworkMemberMutation } from './actors.query';

interface Network {
  id: string;
  name: string;
  acronym?: string | null;
}

export function ActorNetworks({
  actorId,
  networks,
  editable,
  onChanged,
}: {
  actorId: string;
  networks: readonly Network[];
  editable: boolean;
  onChanged(): void;
}) {
  const t = useMessages();
  const d = t.actors.detail;
  const id = useId();
  const [all] = useQuery({ query: ActorNetworksQuery, pause: !editable });
  const [adding, add] = useMutation(AddNetworkMemberMutation);
  const [removing, remove] = useMutation(RemoveNetworkMemberMutation);
  const [choice, setChoice] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const busy = adding.fetching || removing.fetching;
  const others = (all.data?.networks?.nodes ?? []).filter((network) => !networks.some((member) => member.id === network.id));
  const refusal = (error: CombinedError) => d.networkRefused[errorCode(error)] ?? d.networkFailed;

  const join = async () => {
    const network = others.find((candidate) => candidate.id === choice);
    if (!network || busy) return;
    const answer = await add({ actorId, networkId: network.id });
    setMessage(answer.error ? { text: refusal(answer.error), error: true } : { text: d.networkAdded(network.name), error: false });
    if (!answer.error) {
      setChoice('');
      onChanged();
    }
  };
  const leave = async (network: Network) => {
    if (busy) return;
    const answer = await remove({ actorId, networkId: network.id });
    setMessage(answer.error ? { text: refusal(answer.error), error: true } : { text: d.networkRemoved(network.name), error: false });
    if (!answer.error) onChanged();
  };

  return (
    <section className="panel" aria-labelledby="actor-networks">
      <h2 id="actor-networks">{d.networks}</h2>
      {networks.length === 0 ? (
        <p>{d.noNetwork}</p>
      ) : (
        <ul className="actor-relation__list">
          {networks.map((network) => (
            <li key={network.id}>
              {/* A network has no page of its own: the registry filtered on its members. */}
              <Link to={`/acteurs?reseau=${encodeURIComponent(network.id)}&dep=tous`}>{network.name}</Link>
              {network.acronym && network.acronym !== network.name && <span className="secondary"> ({network.acronym})</span>}
              {editable && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-disabled={busy || undefined}
                    onClick={() => void leave(network)}
                  >
                    {d.networkRemove(network.name)}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && others.length > 0 && (
        <div className="network-join">
          <div className="field">
            <label htmlFor={`${id}-network`}>{d.networkAdd}</label>
            <select id={`${id}-network`} className="input" value={choice} onChange={(event) => setChoice(event.target.value)}>
              <option value="">{d.networkChoose}</option>
              {others.map((network) => (
                <option key={network.id} value={network.id}>
                  {network.name}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={!choice || busy || undefined}
            onClick={() => void join()}
          >
            {d.networkAddButton}
          </button>
        </div>
      )}
      <p className={message?.error ? 'live-message network-join__message--error' : 'live-message'} role="status" aria-live="polite">
        {message?.text}
      </p>
    </section>
  );
}
