/**
 * Shown when the workspace folder holds no workspace yet: create one (secretariat or member)
 * or open the demonstration. Errors come from the backend, in French, next to their field.
 */
import { useId, useState, type FormEvent } from 'react';
import type { WorkspaceStatus } from '../../../shared/contract';
import type { Profile } from '../../../shared/domain';
import { RpcCallError, call } from '../api/client';
import { errorMessage, useI18n } from '../i18n';
import { LocaleSwitch } from '../app/LocaleSwitch';

type Busy = null | 'create' | 'demo';

export function WelcomeScreen({ path, onReady }: { path: string; onReady: (status: WorkspaceStatus) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [profile, setProfile] = useState<Profile>('secretariat');
  const [busy, setBusy] = useState<Busy>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [demoError, setDemoError] = useState<string | null>(null);
  const nameId = useId();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy('create');
    setNameError(null);
    setFormError(null);
    setDemoError(null);
    try {
      onReady(await call('workspace.create', { profile, name }));
    } catch (error) {
      const fieldMessage = error instanceof RpcCallError ? error.issueFor('name') : undefined;
      if (fieldMessage) setNameError(fieldMessage);
      else setFormError(errorMessage(error, t));
      setBusy(null);
    }
  };

  const openDemo = async () => {
    setBusy('demo');
    setNameError(null);
    setFormError(null);
    setDemoError(null);
    try {
      onReady(await call('workspace.loadDemo', {}));
    } catch (error) {
      setDemoError(errorMessage(error, t));
      setBusy(null);
    }
  };

  const disabled = busy !== null;

  return (
    <div className="welcome">
      <header className="welcome-bar">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t.app.name}
        </span>
        <LocaleSwitch />
      </header>

      <main className="welcome-main" aria-busy={disabled}>
        <div className="welcome-intro">
          <h1>{t.welcome.title}</h1>
          <p>{t.welcome.intro1}</p>
          <p>{t.welcome.intro2}</p>
        </div>

        <div className="welcome-cards">
          <form className="panel welcome-card" onSubmit={create} noValidate aria-labelledby="create-title">
            <h2 id="create-title">{t.welcome.createTitle}</h2>

            <div className={`field${nameError ? ' has-error' : ''}`}>
              <label htmlFor={nameId}>{t.welcome.nameLabel}</label>
              <input
                id={nameId}
                type="text"
                value={name}
                maxLength={200}
                autoComplete="off"
                disabled={disabled}
                aria-invalid={nameError !== null}
                aria-describedby={`${nameId}-hint${nameError ? ` ${nameId}-error` : ''}`}
                onChange={(event) => {
                  setName(event.target.value);
                  if (nameError) setNameError(null);
                }}
              />
              <p className="field-hint" id={`${nameId}-hint`}>
                {t.welcome.nameHint}
              </p>
              {nameError && (
                <p className="field-error" id={`${nameId}-error`} role="alert">
                  {nameError}
                </p>
              )}
            </div>

            <fieldset className="field profile-choice" disabled={disabled}>
              <legend>{t.welcome.profileLegend}</legend>
              <label className={`choice${profile === 'secretariat' ? ' is-checked' : ''}`}>
                <input
                  type="radio"
                  name="profile"
                  value="secretariat"
                  checked={profile === 'secretariat'}
                  onChange={() => setProfile('secretariat')}
                />
                <span className="choice-text">
                  <span className="choice-title">{t.welcome.profileSecretariat}</span>
                  <span className="choice-help">{t.welcome.profileSecretariatHelp}</span>
                </span>
              </label>
              <label className={`choice${profile === 'member' ? ' is-checked' : ''}`}>
                <input type="radio" name="profile" value="member" checked={profile === 'member'} onChange={() => setProfile('member')} />
                <span className="choice-text">
                  <span className="choice-title">{t.welcome.profileMember}</span>
                  <span className="choice-help">{t.welcome.profileMemberHelp}</span>
                </span>
              </label>
            </fieldset>

            {formError && (
              <p className="form-error" role="alert">
                {formError}
              </p>
            )}

            <div className="actions">
              <button type="submit" className="button button-primary" disabled={disabled}>
                {busy === 'create' ? t.welcome.creating : t.welcome.createButton}
              </button>
            </div>
          </form>

          <section className="panel welcome-card welcome-demo" aria-labelledby="demo-title">
            <h2 id="demo-title">{t.welcome.demoTitle}</h2>
            <p>{t.welcome.demoText}</p>
            {busy === 'demo' && (
              <div className="progress" role="status">
                <div className="progress-track" aria-hidden="true">
                  <div className="progress-bar" />
                </div>
                <p>{t.welcome.demoBusy}</p>
              </div>
            )}
            {demoError && (
              <p className="form-error" role="alert">
                {demoError}
              </p>
            )}
            <div className="actions">
              <button type="button" className="button button-secondary" disabled={disabled} onClick={openDemo}>
                {t.welcome.demoButton}
              </button>
            </div>
          </section>
        </div>

        <p className="workspace-path">
          <span>{t.welcome.folderLabel}</span>
          <code title={path}>{path}</code>
        </p>
      </main>
    </div>
  );
}
