/**
 * The service and backend names of the core's model. The rules live in shared/service-key.ts,
 * the one copy the renderer uses too; core code keeps importing them from its model.
 */
export { backendKey, serviceKey } from "../../shared/service-key.ts";
