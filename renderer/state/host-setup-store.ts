/**
 * The operator's say in which hosts the console follows and how they log in: add and remove hosts,
 * trust a host key they checked, try a failed host again, and answer a login's passphrase or
 * password question. A vanilla zustand store over the API it is given; the secret typed into a
 * question goes straight to answerCredential and is never kept in the store.
 */
import { createStore } from "zustand/vanilla";
import type { CredentialRequest, FulcrumApi } from "../../core/api.ts";

type HostSetupApi = Pick<
  FulcrumApi,
  "addHost" | "removeHost" | "trustHostKey" | "retryHost" | "answerCredential" | "listCredentialRequests"
>;

export type AddHostStatus =
  { phase: "idle" } | { phase: "adding"; alias: string } | { phase: "failed"; message: string };

export interface HostSetupState {
  addStatus: AddHostStatus;
  /** Per host: a trust/retry/remove request running, or the last one's failure. */
  hostRequests: Record<string, { busy: boolean; message?: string }>;
  /** Login questions waiting, oldest first. */
  questions: CredentialRequest[];

  addRequested(alias: string, production: boolean): Promise<boolean>;
  removeRequested(hostId: string): Promise<void>;
  trustRequested(hostId: string, fingerprint: string): Promise<void>;
  retryRequested(hostId: string): Promise<void>;
  /** Undefined skips the key (or gives up on passwords). */
  answerGiven(promptId: string, secret: string | undefined): Promise<void>;
  questionAsked(question: CredentialRequest): void;
  questionSettled(promptId: string): void;
  questionsLoaded(questions: CredentialRequest[]): void;
}

export type HostSetupStore = ReturnType<typeof createHostSetupStore>;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createHostSetupStore(api: HostSetupApi) {
  return createStore<HostSetupState>()((set, get) => {
    const onHost = async (hostId: string, request: () => Promise<unknown>) => {
      set((state) => ({ hostRequests: { ...state.hostRequests, [hostId]: { busy: true } } }));
      try {
        await request();
        set((state) => ({ hostRequests: { ...state.hostRequests, [hostId]: { busy: false } } }));
      } catch (error) {
        set((state) => ({
          hostRequests: { ...state.hostRequests, [hostId]: { busy: false, message: messageOf(error) } },
        }));
      }
    };
    return {
      addStatus: { phase: "idle" },
      hostRequests: {},
      questions: [],

      addRequested: async (alias, production) => {
        set({ addStatus: { phase: "adding", alias } });
        try {
          await api.addHost({ alias, production });
          set({ addStatus: { phase: "idle" } });
          return true;
        } catch (error) {
          set({ addStatus: { phase: "failed", message: messageOf(error) } });
          return false;
        }
      },
      removeRequested: (hostId) => onHost(hostId, () => api.removeHost({ hostId })),
      trustRequested: (hostId, fingerprint) =>
        onHost(hostId, () => api.trustHostKey({ hostId, fingerprint })),
      retryRequested: (hostId) => onHost(hostId, () => api.retryHost({ hostId })),
      answerGiven: async (promptId, secret) => {
        get().questionSettled(promptId);
        await api.answerCredential(secret === undefined ? { promptId } : { promptId, secret });
      },
      questionAsked: (question) =>
        set((state) =>
          state.questions.some((q) => q.promptId === question.promptId)
            ? {}
            : { questions: [...state.questions, question] },
        ),
      questionSettled: (promptId) =>
        set((state) => ({ questions: state.questions.filter((q) => q.promptId !== promptId) })),
      questionsLoaded: (questions) => {
        for (const question of questions) get().questionAsked(question);
      },
    };
  });
}
