// The town's pages and tools, each loaded when first shown: most members of
// most groups never open them, so the first load does not carry them.
import { lazy } from "react";

export const TownTab = lazy(() => import("./TownTab.tsx"));
export const TownDashboardPage = lazy(() => import("./TownDashboardPage.tsx"));
export const PoolLinkPage = lazy(() => import("./PoolLinkPage.tsx"));
export const PoolAccepts = lazy(() => import("./PoolAccepts.tsx").then((m) => ({ default: m.PoolAccepts })));
export const TownTool = lazy(() => import("./JoinPool.tsx").then((m) => ({ default: m.TownTool })));
